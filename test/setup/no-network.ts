// Every test runs with the network off: nothing here may reach GitHub or a cluster.
import nock from 'nock';
import { afterAll, beforeAll } from 'vitest';

beforeAll(() => {
  nock.disableNetConnect();
});

afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});
