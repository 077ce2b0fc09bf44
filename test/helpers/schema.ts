// Validate against the project's own schemas (schemas/: the contract plus what the project added)
// and against the contract's schemas as published (test/contract/, verbatim copies), with ajv.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT } from './cli.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default ?? require('ajv/dist/2020');
const addFormats = require('ajv-formats').default ?? require('ajv-formats');

function load(dir: string, name: string) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(path.join(ROOT, dir, name), 'utf8')));
}
const doctor = [load('schemas', 'doctor-report.schema.json'), load('test/contract', 'doctor-report.schema.json')];
const explain = [load('schemas', 'explain-result.schema.json'), load('test/contract', 'explain-result.schema.json')];

function check(validators: any[], doc: unknown): string[] {
  return validators.flatMap((validate, i) => (validate(doc) ? [] : (validate.errors ?? []).map((e: any) => `${i ? 'contract: ' : ''}${e.instancePath || '/'} ${e.message}`)));
}

/** [] when valid, else readable errors */
export const doctorReportErrors = (doc: unknown) => check(doctor, doc);
export const explainResultErrors = (doc: unknown) => check(explain, doc);

/**
 * A doctor --json report's rows as a reader takes them: `results` and `additionalResults` (the
 * checks the project added), each with its client read as `clientId ?? client`.
 */
export function rowsOf<T = any>(report: any): T[] {
  return [...(report.results ?? []), ...(report.additionalResults ?? [])].map((r: any) => (r.clientId ? { ...r, client: r.clientId } : r)) as T[];
}
