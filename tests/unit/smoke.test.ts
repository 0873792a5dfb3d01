import { describe, expect, it } from '@jest/globals';
describe('toolchain', () => { it('runs ESM TypeScript', () => { expect(typeof import.meta.url).toBe('string'); }); });
