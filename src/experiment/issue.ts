import { formatJsonPath, type JsonPath } from './json-path';

/** One problem found in an experiment file, located by a JSON path such as `$.dynamics[0].dt`. */
export interface ExperimentIssue {
  /** JSON path of the offending value (`$` is the document root). */
  path: string;
  /** What was expected and what was found. */
  message: string;
}

/** Builds an {@link ExperimentIssue} from path segments. */
export function issueAt(path: JsonPath, message: string): ExperimentIssue {
  return { path: formatJsonPath(path), message };
}
