/* The host measurement program (sleep/wake-up paper, Table 1 and Figures 1, 5, 7, 9 re-run on the
 * machine at hand): shared declarations. The Michael-Scott two-lock queue in shared memory, the
 * System V semaphores the protocols sleep on, the clock, pinning, and the JSON lines the program
 * prints (one object per measurement, every sample kept so the reader takes minimum and median). */
#ifndef HOSTBENCH_H
#define HOSTBENCH_H

#define _GNU_SOURCE
#include <sched.h>
#include <stdint.h>
#include <stdio.h>

/* The 24-byte message of §2.2: an opcode, the channel to return the result on, a double. */
typedef struct {
  long op;
  long client;
  double arg;
} Msg;

/* Queue capacity in messages (the simulator's default `capacity`). */
#define QCAP 64

typedef struct {
  volatile int v;
  char pad[60];
} __attribute__((aligned(64))) Lock;

typedef struct {
  Msg m;
  volatile int next; /* index of the next node, -1 at the end */
  int pad;
} Node;

/* Michael and Scott (PODC 1996) two-lock queue, bounded: a head lock for the dequeuer, a tail lock
 * for enqueuers, nodes from a free list of QCAP + 1 (one is the dummy). Each field the two sides
 * write sits on its own line, as a careful shared-memory implementation lays it out. */
typedef struct {
  Lock hlock;
  Lock tlock;
  Lock flock;
  volatile int head __attribute__((aligned(64)));
  volatile int tail __attribute__((aligned(64)));
  volatile int freeHead __attribute__((aligned(64)));
  /* 1 while the consumer is (or may be) running (Figure 4's consumer->awake). */
  volatile int awake __attribute__((aligned(64)));
  int sem; /* its System V semaphore: index in the run's semaphore set */
  Node nodes[QCAP + 1] __attribute__((aligned(64)));
} Queue;

void q_init(Queue *q, int sem);
int q_enqueue(Queue *q, const Msg *m);
int q_dequeue(Queue *q, Msg *m);
int q_empty(Queue *q);

/* How busy_wait and poll_queue wait: yield() on one processor, a delay loop on several (§2.1, §5). */
extern int g_multi;
/* Length of the multiprocessor delay loop in ns (§5: 25 µs). */
#define POLL_NS 25000
/* BSLS MAX_SPIN (§4.2; the simulator's default). */
#define MAX_SPIN 20

void lock_acquire(Lock *l);
void lock_release(Lock *l);

uint64_t now_ns(void);
void pin_to(int first, int count);
void *shared_alloc(size_t bytes);

/* One measurement: a name, its unit and the samples of repeated runs. */
void emit_samples(const char *type, const char *name, const char *extra, const double *xs, int n);

/* System V semaphores of the current run (one set). */
extern int g_semid;
void sem_P(int idx);
void sem_V(int idx);

void measure_primitives(int quick, int upCpu);
void measure_composites(int quick, int upCpu, const char *only);

#endif
