import { openSqliteStore } from '../store/sqlite.js';
import { describePeople } from './people-suite.fixture.js';

describePeople('SQLite', () => openSqliteStore(':memory:'));
