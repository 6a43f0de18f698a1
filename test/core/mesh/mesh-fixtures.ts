import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../render/example-federations.js';

const dir = path.join(REPO_ROOT, 'test', 'fixtures', 'mesh');

/** Real certificates (test/fixtures/mesh/README.md says how they were made and their fingerprints). */
export const SHARED_ROOT_PEM = readFileSync(path.join(dir, 'shared-root.pem'), 'utf8');
export const OTHER_ROOT_PEM = readFileSync(path.join(dir, 'other-root.pem'), 'utf8');
export const LEAF_PEM = readFileSync(path.join(dir, 'leaf.pem'), 'utf8');
export const SHARED_ROOT_FINGERPRINT = 'F5:F3:B9:74:C3:3F:2C:98:FF:A4:F9:89:FE:33:A4:4C:3C:03:8F:5C:47:FD:8D:7D:B1:CD:8C:39:76:DF:0B:62';
export const OTHER_ROOT_FINGERPRINT = '34:DA:AC:19:CF:B1:7D:3A:F7:1F:7B:46:E5:BC:BA:5E:78:4C:DC:E0:99:C3:3B:ED:38:3B:7A:67:AE:99:72:A9';
