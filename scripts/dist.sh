#!/bin/sh
# Runs a compiled entry point from dist/ (what `npm run build` writes), for the production
# npm scripts: `npm start`, `npm run start:worker`, `npm run migrate:prod`,
# `npm run -s allocate`. Usage: scripts/dist.sh apps/api/src/main.js [ARGS...]
# `node` is whatever is on PATH: the pinned node@24 devDependency where it is installed,
# the image's own Node after `npm prune --omit=dev`. exec: signals reach the process itself.
entry="dist/$1"
shift
if [ ! -f "$entry" ]; then
  echo "brobygge: $entry is missing: run npm run build first (npm run build compiles apps, libs and scripts to dist/)" >&2
  exit 1
fi
exec node "$entry" "$@"
