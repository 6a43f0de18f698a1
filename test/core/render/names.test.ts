import { describe, expect, it } from 'vitest';
import { fitWithHash, labelValue, MAX_NAME_LENGTH, objectName, toDnsLabelChars } from '../../../src/core/render/names.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

describe('objectName', () => {
  it.each([
    ['meshfed-export', ['echo'], 'meshfed-export-echo'],
    ['meshfed-import', ['echo-burst'], 'meshfed-import-echo-burst'],
    ['meshfed-edge', ['public', 'api'], 'meshfed-edge-public-api'],
  ])('GIVEN prefix %s and parts %j WHEN the name fits THEN it is the readable join %s', (prefix, parts, expected) => {
    expect(objectName(prefix, ...parts)).toBe(expected);
  });

  it('GIVEN a 63-character intent name WHEN prefixed THEN the name is cut to 63 with a stable hash suffix', () => {
    const long = `a${'b'.repeat(61)}c`;
    const name = objectName('meshfed-import', long);
    expect(name.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
    expect(name).toMatch(DNS_LABEL);
    expect(name).toMatch(/^meshfed-import-abbb.*-[0-9a-f]{8}$/);
    expect(objectName('meshfed-import', long)).toBe(name);
  });

  it('GIVEN two long names that share their first 54 characters WHEN shortened THEN they stay distinct', () => {
    const common = 'x'.repeat(60);
    const a = objectName('meshfed-import', `${common}-one`);
    const b = objectName('meshfed-import', `${common}-two`);
    expect(a).not.toBe(b);
    expect(a.slice(0, 40)).toBe(b.slice(0, 40));
  });

  it('GIVEN a name of exactly 63 characters WHEN fitted THEN it is not hashed', () => {
    const exact = 'm'.repeat(63);
    expect(fitWithHash(exact)).toBe(exact);
  });
});

describe('toDnsLabelChars', () => {
  it.each([
    ['Echo_Server', 'echo-server'],
    ['--a..b--', 'a-b'],
    ['', 'x'],
  ])('GIVEN %j THEN %j', (input, expected) => {
    expect(toDnsLabelChars(input)).toBe(expected);
  });
});

describe('labelValue', () => {
  it.each([
    ['beta.echo', 'beta.echo'],
    ['alpha', 'alpha'],
  ])('GIVEN a short value %s THEN it is kept', (input, expected) => {
    expect(labelValue(input)).toBe(expected);
  });

  it('GIVEN <peer>.<intent> longer than 63 characters THEN the label value is cut, hashed and still valid', () => {
    const value = labelValue(`${'p'.repeat(63)}.${'i'.repeat(63)}`);
    expect(value.length).toBeLessThanOrEqual(63);
    expect(value).toMatch(LABEL_VALUE);
    expect(value).toMatch(/-[0-9a-f]{8}$/);
  });
});
