// happy-dom has no IndexedDB: unit tests use fake-indexeddb's in-memory implementation.
import 'fake-indexeddb/auto';
