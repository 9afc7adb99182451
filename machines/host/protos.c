/* The composites of the sleep/wake-up paper on this host: one single-threaded server process and
 * n client processes exchanging 24-byte messages, with System V message queues (the baseline) and
 * the user-level protocols over shared two-lock queues: BSS (Figure 1), BSW (Figure 5), BSWY
 * (Figure 7) and BSLS (Figure 9), written as the simulator models them (sim/os/useripc.ts and the
 * kernels of the same names). busy_wait and poll_queue are sched_yield() when the run is pinned
 * to one processor and a 25 µs delay loop testing empty() when it has two (§2.2, §5).
 * Each client makes warm-up calls, all barrier, then each makes its measured calls; the server
 * throughput is all measured messages over the time from the barrier to the last client's end. */

#include "bench.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAXC 6

typedef struct {
  Queue srv;
  Queue clnt[MAXC];
  volatile int ready __attribute__((aligned(64)));
  volatile int go;
  volatile uint64_t start[MAXC], end[MAXC];
  volatile long done[MAXC];
  /* Context switches (getrusage ru_nvcsw, ru_nivcsw) over the measured calls: clients, then the
   * server's between its first snapshot after the barrier and its last. */
  volatile long vcsw[MAXC], ivcsw[MAXC];
  volatile int srvStarted;
  volatile long srvV0, srvI0, srvV, srvI;
} Shared;

static Shared *S;
static int g_clients;

/* The server's switch counts, snapshotted every 32 messages (a getrusage is about one system call). */
static void server_rusage(long served) {
  if (served & 31) return;
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  if (!S->srvStarted && __atomic_load_n(&S->ready, __ATOMIC_ACQUIRE) >= g_clients) {
    S->srvV0 = ru.ru_nvcsw;
    S->srvI0 = ru.ru_nivcsw;
    S->srvStarted = 1;
  }
  S->srvV = ru.ru_nvcsw;
  S->srvI = ru.ru_nivcsw;
}

/* A run stops after this long even if its calls are not all made (a protocol that the scheduler
 * starves would otherwise take minutes); the calls made are counted. */
static uint64_t g_budget_ns;

static int g_proto;
enum { SYSV, BSS, BSW, BSWY, BSLS };
static const char *NAMES[] = {"sysv", "bss", "bsw", "bswy", "bsls"};

/* The multiprocessor delay loop: up to 25 µs, stopping early when `watch` fills. */
static void delay_loop(Queue *watch) {
  uint64_t t0 = now_ns();
  while (now_ns() - t0 < POLL_NS) {
    if (watch && !q_empty(watch)) return;
  }
}

/* busy_wait() / poll_queue(): yield on one processor, the delay loop on several. */
static void busy_wait(Queue *watch) {
  if (g_multi) delay_loop(watch);
  else sched_yield();
}

static int tas(volatile int *f) { return __atomic_exchange_n(f, 1, __ATOMIC_SEQ_CST); }

/* P.2-P.3: if (!tas(&Q->awake)) V(Q); returns whether it woke the consumer. */
static int wake(Queue *q) {
  if (tas(&q->awake)) return 0;
  sem_V(q->sem);
  return 1;
}

/* C.2-C.5 after a failed dequeue: returns 1 with *m if C.3 found a message, 0 after sleeping. */
static int sleep_step(Queue *q, Msg *m) {
  __atomic_store_n(&q->awake, 0, __ATOMIC_SEQ_CST);
  if (q_dequeue(q, m)) {
    if (tas(&q->awake)) sem_P(q->sem); /* absorb a wake-up already sent (interleaving 3) */
    return 1;
  }
  sem_P(q->sem);
  q->awake = 1;
  return 0;
}

/* while (!dequeue(Q, m)) { [busy_wait(Q)]; C.2-C.5 } */
static void wait_loop(Queue *q, Msg *m, int hint) {
  for (;;) {
    if (q_dequeue(q, m)) return;
    if (hint) busy_wait(q);
    if (sleep_step(q, m)) return;
  }
}

static void enqueue_or_sleep(Queue *q, const Msg *m) {
  while (!q_enqueue(q, m)) sleep(1);
}

/* BSLS: spincnt = 0; while (empty(Q) && spincnt++ < MAX_SPIN) poll_queue(Q); */
static void limited_spin(Queue *q) {
  int spincnt = 0;
  while (q_empty(q) && spincnt++ < MAX_SPIN) busy_wait(q);
}

static void send(int c, const Msg *m, Msg *ans) {
  Queue *srv = &S->srv, *me = &S->clnt[c];
  switch (g_proto) {
    case BSS:
      while (!q_enqueue(srv, m)) busy_wait(NULL);
      while (!q_dequeue(me, ans)) busy_wait(me);
      return;
    case BSW:
      enqueue_or_sleep(srv, m);
      wake(srv);
      wait_loop(me, ans, 0);
      return;
    case BSWY:
      enqueue_or_sleep(srv, m);
      if (wake(srv)) busy_wait(me);
      wait_loop(me, ans, 1);
      return;
    case BSLS:
      enqueue_or_sleep(srv, m);
      wake(srv);
      limited_spin(me);
      wait_loop(me, ans, 1);
      return;
  }
}

static void receive(Msg *m) {
  Queue *srv = &S->srv;
  switch (g_proto) {
    case BSS:
      while (!q_dequeue(srv, m)) busy_wait(srv);
      return;
    case BSW:
      wait_loop(srv, m, 0);
      return;
    case BSWY:
      if (q_dequeue(srv, m)) return;
      sched_yield(); /* let clients run (Figure 7: a yield() even on a multiprocessor) */
      wait_loop(srv, m, 0);
      return;
    case BSLS:
      limited_spin(srv);
      wait_loop(srv, m, 0);
      return;
  }
}

static void reply(int c, const Msg *m) {
  Queue *q = &S->clnt[c];
  if (g_proto == BSS) {
    while (!q_enqueue(q, m)) busy_wait(NULL);
    return;
  }
  enqueue_or_sleep(q, m);
  wake(q);
}

/* System V message queues: a request queue and a reply queue per client. */
static int g_req, g_rep[MAXC];
typedef struct {
  long mtype;
  Msg m;
} MsgBuf;

static void server_loop(void) {
  Msg m;
  for (long served = 0;; served++) {
    server_rusage(served);
    if (g_proto == SYSV) {
      MsgBuf b;
      msgrcv(g_req, &b, sizeof(Msg), 0, 0);
      msgsnd(g_rep[b.m.client], &b, sizeof(Msg), 0);
      continue;
    }
    receive(&m);
    Msg a = {m.op, m.client, m.arg}; /* the request's processing: echo its argument (§2.2) */
    reply((int)m.client, &a);
  }
}

static void call(int c) {
  Msg m = {1, c, (double)c}, a;
  if (g_proto == SYSV) {
    MsgBuf b = {1, m};
    msgsnd(g_req, &b, sizeof(Msg), 0);
    msgrcv(g_rep[c], &b, sizeof(Msg), 0, 0);
    a = b.m;
  } else send(c, &m, &a);
  if (a.client != c) {
    fprintf(stderr, "hostbench: a reply reached the wrong client\n");
    _exit(3);
  }
}

static void client_loop(int c, int n, long calls) {
  uint64_t w0 = now_ns();
  for (long i = 0; i < calls / 10 + 10 && now_ns() - w0 < g_budget_ns / 4; i++) call(c); /* warm-up */
  __atomic_add_fetch(&S->ready, 1, __ATOMIC_SEQ_CST);
  while (__atomic_load_n(&S->ready, __ATOMIC_ACQUIRE) < n) sched_yield();
  struct rusage r0, r1;
  getrusage(RUSAGE_SELF, &r0);
  uint64_t t0 = S->start[c] = now_ns();
  long i = 0;
  while (i < calls) {
    call(c);
    if ((++i & 15) == 0 && now_ns() - t0 > g_budget_ns) break;
  }
  S->end[c] = now_ns();
  S->done[c] = i;
  getrusage(RUSAGE_SELF, &r1);
  S->vcsw[c] = r1.ru_nvcsw - r0.ru_nvcsw;
  S->ivcsw[c] = r1.ru_nivcsw - r0.ru_nivcsw;
}

/* One run: returns 0 and the round trip (ns, mean over clients) and server throughput (msgs/ms). */
static int run_once(int proto, int cpus, int upCpu, int n, long calls, double *rtt, double *thr, double *vol, double *invol) {
  g_proto = proto;
  g_clients = n;
  g_multi = cpus > 1;
  memset(S, 0, sizeof *S);
  int nsem = n + 1;
  g_semid = semget(IPC_PRIVATE, nsem, 0600 | IPC_CREAT);
  q_init(&S->srv, 0);
  for (int c = 0; c < n; c++) q_init(&S->clnt[c], c + 1);
  if (proto == SYSV) {
    g_req = msgget(IPC_PRIVATE, 0600 | IPC_CREAT);
    for (int c = 0; c < n; c++) g_rep[c] = msgget(IPC_PRIVATE, 0600 | IPC_CREAT);
  }
  pid_t server = fork();
  if (server == 0) {
    if (cpus == 1) pin_to(upCpu, 1);
    else pin_to(0, cpus);
    server_loop();
  }
  pid_t cl[MAXC];
  for (int c = 0; c < n; c++) {
    cl[c] = fork();
    if (cl[c] == 0) {
      if (cpus == 1) pin_to(upCpu, 1);
      else pin_to(0, cpus);
      alarm(60); /* a protocol that stalls must not hang the measurement */
      client_loop(c, n, calls);
      _exit(0);
    }
  }
  int ok = 1;
  for (int c = 0; c < n; c++) {
    int st;
    waitpid(cl[c], &st, 0);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) ok = 0;
  }
  kill(server, SIGKILL);
  waitpid(server, NULL, 0);
  semctl(g_semid, 0, IPC_RMID);
  if (proto == SYSV) {
    msgctl(g_req, IPC_RMID, NULL);
    for (int c = 0; c < n; c++) msgctl(g_rep[c], IPC_RMID, NULL);
  }
  if (!ok) return -1;
  uint64_t t0 = S->start[0], t1 = S->end[0];
  double sum = 0;
  long all = 0;
  for (int c = 0; c < n; c++) {
    if (S->start[c] < t0) t0 = S->start[c];
    if (S->end[c] > t1) t1 = S->end[c];
    sum += (double)(S->end[c] - S->start[c]) / (double)(S->done[c] ? S->done[c] : 1);
    all += S->done[c];
  }
  (void)calls;
  long v = S->srvV - S->srvV0, iv = S->srvI - S->srvI0;
  for (int c = 0; c < n; c++) v += S->vcsw[c], iv += S->ivcsw[c];
  *vol = (double)v / (double)(all ? all : 1);
  *invol = (double)iv / (double)(all ? all : 1);
  *rtt = sum / n;
  *thr = (double)all / ((double)(t1 - t0) / 1e6);
  return 0;
}

void measure_composites(int quick, int upCpu, const char *only) {
  S = shared_alloc(sizeof(Shared));
  long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
  int reps = quick ? 1 : 3;
  int maxClients = quick ? 2 : MAXC;
  g_budget_ns = quick ? 200000000ull : 1000000000ull;
  for (int cpus = 1; cpus <= (ncpu >= 2 ? 2 : 1); cpus++) {
    for (int p = SYSV; p <= BSLS; p++) {
      if (only && strcmp(only, NAMES[p])) continue;
      for (int n = 1; n <= maxClients; n++) {
        /* Messages per run: about 0.1-0.3 s of the slowest protocols; a tenth when quick. */
        long total = quick ? 2000 : 24000;
        long calls = total / n;
        double rtt[8], thr[8], vol[8], invol[8];
        int got = 0;
        for (int r = 0; r < reps; r++) {
          if (run_once(p, cpus, upCpu, n, calls, &rtt[got], &thr[got], &vol[got], &invol[got]) == 0) got++;
        }
        char extra[200];
        snprintf(extra, sizeof extra, "\"protocol\":\"%s\",\"cpus\":%d,\"clients\":%d,\"calls\":%ld,\"unit\":\"ns\",\"failed\":%d", NAMES[p], cpus, n, calls, reps - got);
        emit_samples("composite_rtt", NAMES[p], extra, rtt, got);
        snprintf(extra, sizeof extra, "\"protocol\":\"%s\",\"cpus\":%d,\"clients\":%d,\"calls\":%ld,\"unit\":\"msgs/ms\",\"failed\":%d", NAMES[p], cpus, n, calls, reps - got);
        emit_samples("composite_thr", NAMES[p], extra, thr, got);
        snprintf(extra, sizeof extra, "\"protocol\":\"%s\",\"cpus\":%d,\"clients\":%d,\"unit\":\"per round trip\"", NAMES[p], cpus, n);
        emit_samples("composite_vcsw", NAMES[p], extra, vol, got);
        emit_samples("composite_ivcsw", NAMES[p], extra, invol, got);
      }
    }
  }
}
