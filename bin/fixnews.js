#!/usr/bin/env node
// The installed command; the CLI itself is built into dist/ by `npm install`.
import '../dist/cli/bin.js';
