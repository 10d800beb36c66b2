// `npm run screenshots`: bundles the TypeScript screenshot runner for Node and runs it.
import { importTypeScript } from './import-typescript.mjs'

const { takeScreenshots } = await importTypeScript('test/e2e/take-screenshots.ts')
const written = await takeScreenshots()
console.log(`Wrote ${written.length} screenshots:\n${written.join('\n')}`)
