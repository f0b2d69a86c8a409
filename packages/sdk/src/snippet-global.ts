// Entry of dist/snippet.min.js, the async loader snippet pasted inline before
// `<script async src=".../touchpoint.min.js">`: defines the stub that queues calls until the SDK loads.
import { loaderStub } from './snippet.js';

loaderStub(window);
