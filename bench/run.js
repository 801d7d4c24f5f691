#!/usr/bin/env node
// `npm run bench`: builds, then runs every bench/<name>/run.js (each in its own child process, one
// after another so they do not compete for the machine), collects bench/.out/<name>.json and writes
// bench/RESULTS.md with the machine, the date and each benchmark's figures and ratios against its goal.
// `npm run bench -- checkin audit` runs only those (the others' last results stay in RESULTS.md);
// `node bench/run.js --report` only rewrites RESULTS.md from bench/.out. BENCH_TIMEOUT_MINUTES (default 30) bounds each run.
'use strict';
const { spawn } = require('node:child_process');
const { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..');
const outDir = join(__dirname, '.out');
const timeoutMs = Number(process.env.BENCH_TIMEOUT_MINUTES ?? 30) * 60_000;

function benchmarks(only) {
  const names = readdirSync(__dirname)
    .filter((name) => !name.startsWith('.') && statSync(join(__dirname, name)).isDirectory())
    .filter((name) => existsSync(join(__dirname, name, 'run.js')))
    .sort();
  if (only.length === 0) return names;
  const unknown = only.filter((n) => !names.includes(n));
  if (unknown.length) throw new Error(`no bench/<name>/run.js for: ${unknown.join(', ')} (have: ${names.join(', ')})`);
  return names.filter((n) => only.includes(n));
}

function run(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n=== bench/${name} ===`);
    const child = spawn(process.execPath, [join(__dirname, name, 'run.js')], { cwd: root, stdio: 'inherit', env: process.env });
    const timer = setTimeout(() => {
      console.error(`bench/${name} exceeded ${timeoutMs / 60_000} min; stopping it`);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ name, code, signal, seconds: Math.round((Date.now() - started) / 100) / 10 });
    });
  });
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
  };
}

/** Leaf figures of a result, as [dotted.path, value] pairs (arrays of objects are summarised). */
function figures(value, prefix = '', depth = 0, out = []) {
  if (value === null || typeof value !== 'object') {
    out.push([prefix, value]);
  } else if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) out.push([prefix, value.join(', ')]);
    else value.forEach((v, i) => figures(v, `${prefix}[${i}]`, depth + 1, out));
  } else if (depth > 4) {
    out.push([prefix, JSON.stringify(value)]);
  } else {
    for (const [k, v] of Object.entries(value)) figures(v, prefix ? `${prefix}.${k}` : k, depth + 1, out);
  }
  return out;
}

const cell = (v) => String(typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1000) / 1000 : v).replace(/\|/g, '\\|');

function section(name, outcome) {
  const file = join(outDir, `${name}.json`);
  const lines = [`## ${name}`, ''];
  const how = outcome.earlier
    ? `not run this time: the result of an earlier run, written ${new Date(statSync(join(outDir, `${name}.json`)).mtimeMs).toISOString()}`
    : outcome.signal
      ? `stopped by ${outcome.signal}`
      : `exit code ${outcome.code}`;
  if (!existsSync(file)) {
    lines.push(`No result: \`bench/${name}/run.js\` wrote no \`bench/.out/${name}.json\` (${how}, ${outcome.seconds} s).`, '');
    return { lines, pass: false };
  }
  let result;
  try {
    result = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    lines.push(`Unreadable result \`bench/.out/${name}.json\`: ${err.message}`, '');
    return { lines, pass: false };
  }
  const pass = typeof result.pass === 'boolean' ? result.pass : outcome.code === 0;
  lines.push(`**${pass ? 'PASS' : 'FAIL'}** (${how}${outcome.earlier ? '' : `, ${outcome.seconds} s`})`, '');
  const all = figures(result).filter(([k]) => k !== 'pass');
  const headline = all.filter(([k]) => /ratio|goal/i.test(k));
  if (headline.length) {
    lines.push('| ratio / goal | value |', '|---|---|', ...headline.map(([k, v]) => `| ${k} | ${cell(v)} |`), '');
  }
  const rest = all.filter(([k]) => !/ratio|goal/i.test(k));
  if (rest.length) lines.push('| figure | value |', '|---|---|', ...rest.map(([k, v]) => `| ${k} | ${cell(v)} |`), '');
  return { lines, pass };
}

/** The sections of the current RESULTS.md by benchmark name, each marked as kept from that file. */
function keptSections() {
  const file = join(__dirname, 'RESULTS.md');
  const kept = new Map();
  if (!existsSync(file)) return kept;
  const parts = readFileSync(file, 'utf8').split(/^(?=## )/m).slice(1);
  for (const part of parts) {
    const [heading, ...body] = part.trimEnd().split('\n');
    const name = heading.slice(3).trim();
    const pass = body.some((l) => l.startsWith('**PASS**'));
    const note = body.some((l) => l.startsWith('_Kept from an earlier RESULTS.md'))
      ? []
      : ['_Kept from an earlier RESULTS.md: its raw result is not in this checkout\'s `bench/.out/`._', ''];
    kept.set(name, { lines: [heading, '', ...note, ...body.slice(body[0] === '' ? 1 : 0), ''], pass });
  }
  return kept;
}

async function main() {
  // `--report`: runs nothing, rewrites RESULTS.md from the last results in bench/.out.
  const reportOnly = process.argv.includes('--report');
  const names = reportOnly ? [] : benchmarks(process.argv.slice(2));
  if (names.length === 0 && !reportOnly) {
    console.log('no benchmarks found (bench/<name>/run.js)');
    return;
  }
  mkdirSync(outDir, { recursive: true });
  const outcomes = [];
  for (const name of names) {
    rmSync(join(outDir, `${name}.json`), { force: true }); // a stale result must not pass for a new one
    outcomes.push(await run(name));
  }
  // `npm run bench -- a b` keeps the other benchmarks' last results in the file (marked as earlier runs):
  // from bench/.out where this checkout ran them, else their section of the RESULTS.md being replaced
  // (bench/.out is not committed, so a fresh clone has only what it ran itself).
  const kept = keptSections();
  for (const name of benchmarks([])) {
    if (names.includes(name)) continue;
    if (existsSync(join(outDir, `${name}.json`))) outcomes.push({ name, earlier: true });
    else if (kept.has(name)) outcomes.push({ name, earlier: true, kept: kept.get(name) });
  }
  outcomes.sort((a, b) => a.name.localeCompare(b.name));
  const m = machine();
  const sections = outcomes.map((o) => o.kept ?? section(o.name, o));
  const md = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` (bench/run.js) on ${new Date().toISOString()}.`,
    '',
    '| machine | |',
    '|---|---|',
    `| CPU | ${m.cpu} |`,
    `| cores | ${m.cores} |`,
    `| memory | ${m.memoryGiB} GiB |`,
    `| Node | ${m.node} |`,
    `| OS | ${m.os} |`,
    '',
    '| benchmark | result |',
    '|---|---|',
    ...outcomes.map((o, i) => `| [${o.name}](#${o.name}) | ${sections[i].pass ? 'PASS' : 'FAIL'} |`),
    '',
    'Each benchmark compares the product with a raw baseline run in the same script on the same machine,',
    'so the ratios carry over between machines better than the absolute figures. Raw JSON: `bench/.out/`.',
    '',
    ...sections.flatMap((s) => s.lines),
  ].join('\n');
  writeFileSync(join(__dirname, 'RESULTS.md'), md);
  console.log(`\nwritten bench/RESULTS.md (${sections.filter((s) => s.pass).length}/${sections.length} pass)`);
  if (sections.some((s, i) => !s.pass && !outcomes[i].earlier)) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err?.stack ?? err);
  process.exit(1);
});
