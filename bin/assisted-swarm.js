#!/usr/bin/env node
// The `assisted-swarm` command: runs the compiled CLI (npm ci builds lib/ through the prepare script).
import { main } from '../lib/cli/main.js'

process.exitCode = await main(process.argv)
