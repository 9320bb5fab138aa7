import { describe, expect, it } from 'vitest';
import { formatCaseCode, parseCaseCode } from '../../../../src/core/cases/case-code.js';
import { findService } from '../../../../src/core/cases/services.js';

describe('case codes', () => {
  it('format with four digits, more when needed', () => {
    expect(formatCaseCode(1)).toBe('C-0001');
    expect(formatCaseCode(12345)).toBe('C-12345');
  });
  it('parse the forms staff type', () => {
    for (const input of ['C-0001', 'c-1', 'C0001', 'Ｃ－０００１', ' C-01 ']) expect(parseCaseCode(input)).toBe('C-0001');
    for (const input of ['C-0000', 'X-0001', 'C-', '0001x', '']) expect(parseCaseCode(input)).toBeUndefined();
  });
});

describe('services', () => {
  it('are found by key and alias', () => {
    expect(findService('A型')?.key).toBe('A型');
    expect(findService('ｂ型')?.key).toBe('B型');
    expect(findService('就労移行支援')?.key).toBe('移行');
    expect(findService('retention')?.defaultMonitoringMonths).toBe(3);
    expect(findService('C型')).toBeUndefined();
  });
});
