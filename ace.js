/*
| JavaScript entrypoint for ace commands (`node ace ...`). TypeScript sources are
| compiled on the fly by ts-node (with swc), so a fresh clone needs no build step.
*/
import 'ts-node-maintained/register/esm'

await import('./bin/console.js')
