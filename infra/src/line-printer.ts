import { styleText } from 'node:util';
import { prettyFactory } from 'pino-pretty';

/** Prints one line of output from `source` (a service, postgres, nats, or rollcall itself). */
export type PrintLine = (source: string, line: string) => void;

type Color = Parameters<typeof styleText>[0];
const palette: Color[] = [
  'cyan',
  'magenta',
  'yellow',
  'green',
  'blue',
  'redBright',
  'cyanBright',
  'greenBright',
];

export interface LinePrinterOptions {
  out?: NodeJS.WriteStream | NodeJS.WritableStream;
  /** Colour names and log levels. @default whether `out` is a terminal */
  colors?: boolean;
  /** Width the source names are padded to. @default 9 */
  width?: number;
}

/**
 * Interleaves the output of several processes, each line prefixed with its source's name. Services log
 * pino JSON when not on a terminal; those lines are pretty-printed on one line each.
 */
export function createLinePrinter(options: LinePrinterOptions = {}): PrintLine {
  const out = options.out ?? process.stdout;
  const colors = options.colors ?? ('isTTY' in out && out.isTTY === true);
  const width = options.width ?? 9;
  const pretty = prettyFactory({
    colorize: colors,
    singleLine: true,
    translateTime: 'HH:MM:ss',
    ignore: 'pid,hostname,service',
  });
  const colorOf = new Map<string, Color>();

  return (source, line) => {
    let color = colorOf.get(source);
    if (color === undefined) {
      color = palette[colorOf.size % palette.length] ?? 'white';
      colorOf.set(source, color);
    }
    const name = source.padEnd(width);
    const prefix = colors ? styleText(color, `${name} |`, { validateStream: false }) : `${name} |`;
    const text = line.startsWith('{') ? pretty(line).trimEnd() : line;
    out.write(`${prefix} ${text}\n`);
  };
}
