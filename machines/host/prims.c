/* The primitives of the sleep/wake-up paper's Table 1 on this host, measured as the paper did:
 * a tight loop of many iterations, repeated, warm-up excluded, every repeat's time per operation
 * printed so the reader takes the minimum and the median. Uniprocessor rows run pinned to one
 * processor; the rows that move data between processors run pinned one process per processor.
 * Beyond Table 1: the null system call, the System V semaphore pair, futex wait/wake, blocking
 * hand-overs (futex and semaphore ping-pong), a cache line moved between two processors, the
 * queue pair with its lines last written by the other processor, and one delay-loop iteration. */

#include "bench.h"

#include <errno.h>
#include <linux/futex.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAXREP 16

static int g_rep;

/* Repeat `body` (n iterations timed, after n/10 untimed) g_rep times; ns per iteration. */
#define LOOP_SAMPLES(xs, n, body)                                   \
  for (int r_ = 0; r_ < g_rep; r_++) {                              \
    for (long i = 0; i < (n) / 10; i++) { body; }                   \
    uint64_t t0_ = now_ns();                                        \
    for (long i = 0; i < (n); i++) { body; }                        \
    (xs)[r_] = (double)(now_ns() - t0_) / (double)(n);              \
  }

static char *extra_iter(long n, const char *more) {
  static char buf[256];
  snprintf(buf, sizeof buf, "\"unit\":\"ns\",\"iterations\":%ld%s%s", n, more ? "," : "", more ? more : "");
  return buf;
}

static long futex(volatile int *addr, int op, int val) { return syscall(SYS_futex, addr, op, val, NULL, NULL, 0); }

/* n processes pinned to one processor barrier, then each calls sched_yield() `iters` times.
 * Returns elapsed ns per yield call, all processes together (the simulator's reading of Table 1). */
static double yield_loop(int n, long iters, int cpu) {
  struct Shared {
    volatile int ready, go;
    volatile uint64_t end[8];
  } *s = shared_alloc(sizeof *s);
  pid_t pid[8];
  for (int p = 0; p < n; p++) {
    pid[p] = fork();
    if (pid[p] == 0) {
      pin_to(cpu, 1);
      for (long i = 0; i < iters / 10; i++) sched_yield();
      __atomic_add_fetch(&s->ready, 1, __ATOMIC_SEQ_CST);
      while (!s->go) sched_yield();
      for (long i = 0; i < iters; i++) sched_yield();
      s->end[p] = now_ns();
      _exit(0);
    }
  }
  while (s->ready < n) usleep(100);
  uint64_t t0 = now_ns();
  s->go = 1;
  uint64_t end = 0;
  for (int p = 0; p < n; p++) {
    waitpid(pid[p], NULL, 0);
    if (s->end[p] > end) end = s->end[p];
  }
  return (double)(end - t0) / (double)(n * iters);
}

/* Two processes hand a turn back and forth, sleeping on a futex (or a System V semaphore each)
 * while it is the other's; `cpus` processors starting at `cpu`. Returns ns per hand-over. */
static double pingpong(int useSem, long iters, int cpu, int cpus) {
  struct Shared {
    volatile int turn __attribute__((aligned(64)));
    volatile int ready;
  } *s = shared_alloc(sizeof *s);
  int semid = -1;
  if (useSem) semid = semget(IPC_PRIVATE, 2, 0600 | IPC_CREAT);
  pid_t pid[2];
  for (int p = 0; p < 2; p++) {
    pid[p] = fork();
    if (pid[p] == 0) {
      if (cpus == 1) pin_to(cpu, 1);
      else pin_to(0, cpus); /* where each runs is the scheduler's choice, as in the composites */
      __atomic_add_fetch(&s->ready, 1, __ATOMIC_SEQ_CST);
      while (s->ready < 2) sched_yield();
      for (long i = 0; i < iters; i++) {
        if (useSem) {
          struct sembuf P = {(unsigned short)p, -1, 0}, V = {(unsigned short)(1 - p), 1, 0};
          if (p == 0) {
            semop(semid, &V, 1);
            semop(semid, &P, 1);
          } else {
            semop(semid, &P, 1);
            semop(semid, &V, 1);
          }
        } else {
          while (__atomic_load_n(&s->turn, __ATOMIC_ACQUIRE) != p) futex(&s->turn, FUTEX_WAIT, 1 - p);
          __atomic_store_n(&s->turn, 1 - p, __ATOMIC_RELEASE);
          futex(&s->turn, FUTEX_WAKE, 1);
        }
      }
      _exit(0);
    }
  }
  while (s->ready < 2) usleep(50);
  uint64_t t0 = now_ns();
  for (int p = 0; p < 2; p++) waitpid(pid[p], NULL, 0);
  double per = (double)(now_ns() - t0) / (double)(2 * iters);
  if (useSem) semctl(semid, 0, IPC_RMID);
  return per;
}

/* Does a wake-up preempt the waker on one processor? A process sleeps in a System V semaphore P;
 * the waker runs for 5 µs, then V()s it and looks at once whether the sleeper has run. Returns the
 * fraction of wake-ups after which the woken process ran first (the scheduler's wake-up semantics). */
static double wake_preempt(long iters, int cpu) {
  volatile int *w = shared_alloc(4096);
  int semid = semget(IPC_PRIVATE, 1, 0600 | IPC_CREAT);
  pid_t pid = fork();
  if (pid == 0) {
    pin_to(cpu, 1);
    struct sembuf P = {0, -1, 0};
    for (long i = 0; i < iters; i++) {
      w[1] = 1; /* about to sleep */
      semop(semid, &P, 1);
      w[1] = 0;
      __atomic_store_n(&w[0], (int)i + 1, __ATOMIC_RELEASE);
    }
    _exit(0);
  }
  pin_to(cpu, 1);
  long first = 0;
  struct sembuf V = {0, 1, 0};
  for (long i = 0; i < iters; i++) {
    while (__atomic_load_n(&w[0], __ATOMIC_ACQUIRE) != i || w[1] != 1) usleep(100);
    usleep(100); /* let it reach the sleep */
    uint64_t t0 = now_ns();
    while (now_ns() - t0 < 5000) {
    }
    semop(semid, &V, 1);
    if (__atomic_load_n(&w[0], __ATOMIC_ACQUIRE) == i + 1) first++;
  }
  waitpid(pid, NULL, 0);
  semctl(semid, 0, IPC_RMID);
  return (double)first / (double)iters;
}

/* Two processes on two processors: each times only its own enqueue and dequeue, of queues whose
 * lines the other process wrote last (the multiprocessor cost of the protocols' queue work). */
static double cross_enqdeq(long iters, double timerNs) {
  Queue *q = shared_alloc(2 * sizeof(Queue));
  q_init(&q[0], 0);
  q_init(&q[1], 1);
  double *out = shared_alloc(2 * sizeof(double));
  pid_t pid[2];
  for (int p = 0; p < 2; p++) {
    pid[p] = fork();
    if (pid[p] == 0) {
      pin_to(p, 1);
      Msg m = {1, p, 1.0};
      uint64_t acc = 0;
      for (long i = 0; i < iters + iters / 10; i++) {
        if (p == 0) {
          uint64_t t = now_ns();
          q_enqueue(&q[0], &m);
          uint64_t t1 = now_ns();
          while (q_empty(&q[1])) {
          }
          uint64_t t2 = now_ns();
          q_dequeue(&q[1], &m);
          uint64_t t3 = now_ns();
          if (i >= iters / 10) acc += (t1 - t) + (t3 - t2);
        } else {
          while (q_empty(&q[0])) {
          }
          uint64_t t2 = now_ns();
          q_dequeue(&q[0], &m);
          uint64_t t3 = now_ns();
          q_enqueue(&q[1], &m);
          uint64_t t4 = now_ns();
          if (i >= iters / 10) acc += (t3 - t2) + (t4 - t3);
        }
      }
      out[p] = (double)acc / (double)iters - 2 * timerNs;
      _exit(0);
    }
  }
  for (int p = 0; p < 2; p++) waitpid(pid[p], NULL, 0);
  return (out[0] + out[1]) / 2;
}

/* One cache line bounced between processors 0 and 1; ns per one-way transfer. */
static double line_transfer(long iters) {
  volatile long *x = shared_alloc(4096);
  pid_t pid[2];
  for (int p = 0; p < 2; p++) {
    pid[p] = fork();
    if (pid[p] == 0) {
      pin_to(p, 1);
      for (long i = 0; i < iters; i++) {
        long want = 2 * i + p;
        while (__atomic_load_n(x, __ATOMIC_ACQUIRE) != want) {
        }
        __atomic_store_n(x, want + 1, __ATOMIC_RELEASE);
      }
      _exit(0);
    }
  }
  uint64_t t0 = now_ns();
  for (int p = 0; p < 2; p++) waitpid(pid[p], NULL, 0);
  return (double)(now_ns() - t0) / (double)(2 * iters);
}

void measure_primitives(int quick, int cpu) {
  g_rep = quick ? 2 : 7;
  double xs[MAXREP];
  long k = quick ? 10 : 1; /* quick runs a tenth of the iterations */
  pin_to(cpu, 1);

  /* The clock itself, subtracted where single operations are timed. */
  long n = 1000000 / k;
  LOOP_SAMPLES(xs, n, (void)now_ns());
  emit_samples("primitive", "clock_read", extra_iter(n, NULL), xs, g_rep);
  double timerNs = xs[0];
  for (int i = 1; i < g_rep; i++) if (xs[i] < timerNs) timerNs = xs[i];

  n = 300000 / k;
  LOOP_SAMPLES(xs, n, syscall(SYS_getppid));
  emit_samples("primitive", "null_syscall", extra_iter(n, NULL), xs, g_rep);

  /* An uncontended test-and-set and its release (the locks and awake flags). */
  static Lock l;
  n = 3000000 / k;
  LOOP_SAMPLES(xs, n, { lock_acquire(&l); lock_release(&l); });
  emit_samples("primitive", "tas_local", extra_iter(n, NULL), xs, g_rep);

  /* Table 1: enqueue/dequeue pair, one process. */
  static Queue q;
  q_init(&q, 0);
  Msg m = {1, 0, 1.0};
  n = 1000000 / k;
  LOOP_SAMPLES(xs, n, { q_enqueue(&q, &m); q_dequeue(&q, &m); });
  emit_samples("primitive", "enqdeq_pair", extra_iter(n, NULL), xs, g_rep);

  n = 1000000 / k;
  LOOP_SAMPLES(xs, n, (void)q_empty(&q));
  emit_samples("primitive", "empty_test", extra_iter(n, NULL), xs, g_rep);

  /* One iteration of the multiprocessor delay loop on an empty queue (clock read + empty test). */
  for (int r = 0; r < g_rep; r++) {
    long it = 0;
    uint64_t t0 = now_ns();
    for (int loops = 0; loops < 2000 / (int)k; loops++) {
      uint64_t s0 = now_ns();
      while (q_empty(&q) && now_ns() - s0 < POLL_NS) it++;
    }
    xs[r] = (double)(now_ns() - t0) / (double)it;
  }
  emit_samples("primitive", "poll_iteration", extra_iter(2000 / k, "\"note\":\"iterations of 25 us delay loops\""), xs, g_rep);

  /* Table 1: msgsnd/msgrcv pair of 24-byte messages, one process. */
  int mq = msgget(IPC_PRIVATE, 0600 | IPC_CREAT);
  struct {
    long mtype;
    Msg m;
  } mb = {1, {1, 0, 1.0}};
  n = 300000 / k;
  LOOP_SAMPLES(xs, n, { msgsnd(mq, &mb, sizeof(Msg), 0); msgrcv(mq, &mb, sizeof(Msg), 0, 0); });
  emit_samples("primitive", "msg_pair", extra_iter(n, NULL), xs, g_rep);
  /* The same calls apart: batches of 256 sends, then 256 receives. */
  double snd[MAXREP], rcv[MAXREP];
  long batches = 600 / k;
  for (int r = 0; r < g_rep; r++) {
    uint64_t ts = 0, tr = 0;
    for (long b = 0; b < batches; b++) {
      uint64_t t0 = now_ns();
      for (int i = 0; i < 256; i++) msgsnd(mq, &mb, sizeof(Msg), 0);
      uint64_t t1 = now_ns();
      for (int i = 0; i < 256; i++) msgrcv(mq, &mb, sizeof(Msg), 0, 0);
      uint64_t t2 = now_ns();
      if (b >= batches / 10) ts += t1 - t0, tr += t2 - t1;
    }
    long cnt = (batches - batches / 10) * 256;
    snd[r] = (double)ts / cnt;
    rcv[r] = (double)tr / cnt;
  }
  emit_samples("primitive", "msgsnd", extra_iter(batches * 256, NULL), snd, g_rep);
  emit_samples("primitive", "msgrcv", extra_iter(batches * 256, NULL), rcv, g_rep);
  msgctl(mq, IPC_RMID, NULL);

  /* System V semaphore V then P, one process (the P never sleeps). */
  g_semid = semget(IPC_PRIVATE, 1, 0600 | IPC_CREAT);
  n = 300000 / k;
  LOOP_SAMPLES(xs, n, { sem_V(0); sem_P(0); });
  emit_samples("primitive", "sem_pair", extra_iter(n, NULL), xs, g_rep);
  semctl(g_semid, 0, IPC_RMID);

  /* futex wake with no waiter and wait on a changed value (returns at once), one process. */
  static volatile int fw = 0;
  n = 300000 / k;
  LOOP_SAMPLES(xs, n, { futex(&fw, FUTEX_WAKE, 1); futex(&fw, FUTEX_WAIT, 1); });
  emit_samples("primitive", "futex_pair", extra_iter(n, NULL), xs, g_rep);

  /* Table 1: concurrent yields of 1, 2 and 4 processes on one processor, and of 3 (how soon a
   * process that others ran after comes back to displaced state). */
  int procs[4] = {1, 2, 3, 4};
  for (int j = 0; j < 4; j++) {
    long it = 100000 / k / procs[j];
    for (int r = 0; r < g_rep; r++) xs[r] = yield_loop(procs[j], it, cpu);
    char name[32];
    snprintf(name, sizeof name, "yield_%d", procs[j]);
    emit_samples("primitive", name, extra_iter(it, "\"note\":\"elapsed ns per yield call, all processes together\""), xs, g_rep);
  }

  /* The scheduler's wake-up semantics on one processor. */
  long wp = quick ? 100 : 1000;
  for (int r = 0; r < (quick ? 1 : 3); r++) xs[r] = wake_preempt(wp, cpu);
  {
    char ex[200];
    snprintf(ex, sizeof ex, "\"unit\":\"fraction\",\"iterations\":%ld,\"note\":\"fraction of semaphore wake-ups after which the woken process ran before its waker\"", wp);
    emit_samples("primitive", "wake_preempt", ex, xs, quick ? 1 : 3);
  }
  pin_to(cpu, 1);

  /* Blocking hand-overs: futex and semaphore ping-pong on one processor, and on two. */
  long pp = 50000 / k;
  long pp2 = quick ? 1000 : 20000; /* cross-processor hand-overs can take 100 µs or more */
  for (int r = 0; r < g_rep; r++) xs[r] = pingpong(0, pp, cpu, 1);
  emit_samples("primitive", "futex_pingpong_1cpu", extra_iter(pp, "\"note\":\"ns per hand-over: wake, wait (sleeps), switch\""), xs, g_rep);
  for (int r = 0; r < g_rep; r++) xs[r] = pingpong(1, pp, cpu, 1);
  emit_samples("primitive", "sem_pingpong_1cpu", extra_iter(pp, "\"note\":\"ns per hand-over: V, P (sleeps), switch\""), xs, g_rep);
  long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
  if (ncpu >= 2) {
    for (int r = 0; r < g_rep; r++) xs[r] = pingpong(0, pp2, 0, 2);
    emit_samples("primitive", "futex_pingpong_2cpu", extra_iter(pp2, "\"note\":\"ns per hand-over, both processes free to run on processors 0 and 1\""), xs, g_rep);
    for (int r = 0; r < g_rep; r++) xs[r] = pingpong(1, pp2, 0, 2);
    emit_samples("primitive", "sem_pingpong_2cpu", extra_iter(pp2, "\"note\":\"ns per hand-over, both processes free to run on processors 0 and 1\""), xs, g_rep);
    long lt = 1000000 / k;
    for (int r = 0; r < g_rep; r++) xs[r] = line_transfer(lt);
    emit_samples("primitive", "line_transfer", extra_iter(lt, "\"note\":\"ns per one-way move of a cache line between processors 0 and 1\""), xs, g_rep);
    long ce = 200000 / k;
    for (int r = 0; r < g_rep; r++) xs[r] = cross_enqdeq(ce, timerNs);
    emit_samples("primitive", "enqdeq_pair_cross", extra_iter(ce, "\"note\":\"ns per enqueue+dequeue of lines last written on the other processor\""), xs, g_rep);
  }
  pin_to(0, (int)ncpu);
}
