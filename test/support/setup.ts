import { afterAll, expect } from 'vitest';
import { flushCaptured } from './capture.js';

// Each test file's captured exchanges go to disk for the conformance check that runs after the suite.
afterAll(() => flushCaptured(expect.getState().testPath?.split('/').slice(-2).join('_') ?? 'unknown'));
