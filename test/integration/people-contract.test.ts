// Retention, a person's timeline and erasure on both stores: the same hand-computed expectations on a
// SQLite file (with its writer thread) and on PostgreSQL, in a schema of its own.
import { describePeople } from '../../packages/collector/src/people/people-suite.fixture';
import { testStores } from './support/stores';

const stores = testStores('people');

describePeople('SQLite file (contract)', () => stores.sqlite('people.db'));
describePeople('PostgreSQL (contract)', () => stores.postgres());
