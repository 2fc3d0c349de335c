/** One environment variable that failed validation, with what is wrong and how to fix it. */
export interface ConfigProblem {
  variable: string;
  problem: string;
  fix: string | undefined;
}

/**
 * The environment does not describe a runnable service. Its message holds one line per bad variable so an
 * operator can fix them all in one go instead of one restart per mistake.
 */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[], options?: ErrorOptions) {
    super(problems.map(formatProblem).join('\n'), options);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

function formatProblem({ variable, problem, fix }: ConfigProblem): string {
  return fix === undefined ? `${variable} ${problem}` : `${variable} ${problem}: ${fix}`;
}
