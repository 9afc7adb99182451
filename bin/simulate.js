#!/usr/bin/env node
// The command's entry point: the compiled CLI (built by `npm ci` / `npm install` through prepare).
import '../dist/cli/main.js';
