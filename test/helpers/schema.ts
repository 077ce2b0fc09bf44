// Validate against the project's own copy of the contract schemas (schemas/), with ajv.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT } from './cli.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default ?? require('ajv/dist/2020');
const addFormats = require('ajv-formats').default ?? require('ajv-formats');

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);

function load(name: string) {
  return ajv.compile(JSON.parse(readFileSync(path.join(ROOT, 'schemas', name), 'utf8')));
}
const doctor = load('doctor-report.schema.json');
const explain = load('explain-result.schema.json');

function check(validate: any, doc: unknown): string[] {
  return validate(doc) ? [] : (validate.errors ?? []).map((e: any) => `${e.instancePath || '/'} ${e.message}`);
}

/** [] when valid, else readable errors */
export const doctorReportErrors = (doc: unknown) => check(doctor, doc);
export const explainResultErrors = (doc: unknown) => check(explain, doc);
