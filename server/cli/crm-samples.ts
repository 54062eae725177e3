import { parseArgs } from 'node:util'
import { writeSamples } from '../features/crm/samples.js'
import { demoCrmSource } from '../features/seed/demo-crm-source.js'
import { ENTITY_ORDER, type CrmEntity } from '../features/crm/records.js'

// npm run crm-samples -- <dir> [--customers N] [--entities branches,staff,customers] [--english] [--xlsx]
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    customers: { type: 'string', default: '200' },
    entities: { type: 'string' },
    english: { type: 'boolean' },
    xlsx: { type: 'boolean' },
  },
})
const dir = positionals[0]
const customers = Number(values.customers)
const entities = (values.entities?.split(',') ?? ENTITY_ORDER) as CrmEntity[]
if (!dir || !Number.isInteger(customers) || customers < 1 || entities.some((e) => !ENTITY_ORDER.includes(e))) {
  process.stderr.write(
    `Usage: npm run crm-samples -- <dir> [--customers N] [--entities ${ENTITY_ORDER.join(',')}] [--english] [--xlsx]\n`,
  )
  process.exit(1)
}
const started = performance.now()
await writeSamples({
  dir,
  source: demoCrmSource({ now: new Date(), customers, pageSize: 2000 }),
  entities,
  language: values.english ? 'en' : 'zh',
  xlsx: values.xlsx,
  onFile: (file, rows) => process.stdout.write(`  ${file}  ${rows.toLocaleString('en-US')} rows\n`),
})
process.stdout.write(
  `Sample files from the demo bank written to ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
)
