// URPC Figure 1 as a table read from the traced run: per processor, which address space and
// thread ran which step, merged into stretches, with the donations and returns of processors.

import { cyclesToUs } from '../../sim/hw/machine.js';
import type { Timeline } from '../../sim/trace/timeline.js';

export interface Figure1Row {
  [key: string]: string | number;
  startUs: number;
  endUs: number;
  processor: string;
  space: string;
  thread: string;
  activity: string;
}

function who(thread: string | number | undefined): { space: string; thread: string } {
  const s = String(thread ?? '');
  if (s.startsWith('kernel')) return { space: 'kernel', thread: s.replace(/^kernel\s*/, '').replace(/[()]/g, '') };
  const i = s.indexOf('/');
  return i < 0 ? { space: s, thread: '' } : { space: s.slice(0, i), thread: s.slice(i + 1) };
}

/** Stretches of one processor running one thread (or idling) in one address space, and the reallocation marks. */
export function figure1Rows(tl: Timeline): Figure1Row[] {
  const us = (c: number) => Math.round(cyclesToUs(tl, c) * 10) / 10;
  const rows: Figure1Row[] = [];
  const open = new Map<string, Figure1Row>();
  const slices = [...tl.slices].sort((a, b) => a.start - b.start);
  for (const s of slices) {
    const w = who(s.args?.thread);
    const activity = s.name.startsWith('donate') ? 'Processor.Donate' : s.name === 'idle' ? 'idle (polling)' : s.name;
    const last = open.get(s.track);
    if (last && last.space === w.space && last.thread === w.thread && last.activity === activity) {
      last.endUs = us(s.start + s.dur);
      continue;
    }
    const row: Figure1Row = { startUs: us(s.start), endUs: us(s.start + s.dur), processor: s.track, space: w.space, thread: w.thread, activity };
    rows.push(row);
    open.set(s.track, row);
  }
  for (const i of tl.instants) {
    rows.push({ startUs: us(i.at), endUs: us(i.at), processor: i.track, space: String(i.args?.from ?? ''), thread: '', activity: i.name });
  }
  return rows.sort((a, b) => a.startUs - b.startUs || a.processor.localeCompare(b.processor));
}

export interface Figure1Facts {
  /** Address space of each processor's first stretch. */
  initial: Record<string, string>;
  donations: { at: number; from: string; to: string }[];
  returns: { at: number; from: string; to: string }[];
  /** Calls FCMgr received while it held a donated processor, per donation. */
  receivedPerDonation: number[];
  /** Whether every one of FCMgr's stretches lies between a donation and the matching return. */
  fcmgrOnlyOnDonated: boolean;
}

export function figure1Facts(tl: Timeline): Figure1Facts {
  const rows = figure1Rows(tl);
  const initial: Record<string, string> = {};
  for (const r of rows) if (!(r.processor in initial) && r.space && !r.activity.includes('processor')) initial[r.processor] = r.space;
  const marks = tl.instants.map((i) => ({ at: cyclesToUs(tl, i.at), from: String(i.args?.from), to: String(i.args?.to), kind: i.name.startsWith('return') ? 'return' : 'donate' }));
  const donations = marks.filter((m) => m.kind === 'donate').map(({ at, from, to }) => ({ at, from, to }));
  const returns = marks.filter((m) => m.kind === 'return').map(({ at, from, to }) => ({ at, from, to }));
  const inWindow = (t: number) => donations.some((d, k) => t >= d.at && t <= (returns[k]?.at ?? Infinity));
  const fc = tl.slices.filter((s) => who(s.args?.thread).space === 'FCMgr');
  const receivedPerDonation = donations.map((d, k) => {
    const end = returns[k]?.at ?? Infinity;
    return fc.filter((s) => s.name === 'receive' && cyclesToUs(tl, s.start) >= d.at && cyclesToUs(tl, s.start) <= end).length / 2;
  });
  return { initial, donations, returns, receivedPerDonation, fcmgrOnlyOnDonated: fc.every((s) => inWindow(cyclesToUs(tl, s.start))) };
}
