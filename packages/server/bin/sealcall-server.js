#!/usr/bin/env node
// The CLI, built into dist/: this file exists before the build, so that npm links it at install.
import '../dist/cli.js';
