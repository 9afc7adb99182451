/* The host measurement program: the shared-memory queue, locks, clock, pinning and output, and
 * main(). Usage: hostbench [--quick] [--cpu N] [--only primitives|composites|PROTOCOL]
 * Prints one JSON object per line on stdout: {"type":..., "name":..., ..., "samples":[...]}. */

#include "bench.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sem.h>
#include <time.h>
#include <unistd.h>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

int g_multi = 0;
int g_semid = -1;

uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Pin the calling process (and what it forks) to `count` processors starting at `first`. */
void pin_to(int first, int count) {
  cpu_set_t s;
  CPU_ZERO(&s);
  for (int i = 0; i < count; i++) CPU_SET(first + i, &s);
  if (sched_setaffinity(0, sizeof s, &s) != 0) {
    perror("sched_setaffinity");
    exit(1);
  }
}

void *shared_alloc(size_t bytes) {
  void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) {
    perror("mmap");
    exit(1);
  }
  memset(p, 0, bytes);
  return p;
}

void emit_samples(const char *type, const char *name, const char *extra, const double *xs, int n) {
  printf("{\"type\":\"%s\",\"name\":\"%s\"%s%s,\"samples\":[", type, name, extra && *extra ? "," : "", extra ? extra : "");
  for (int i = 0; i < n; i++) printf("%s%.3f", i ? "," : "", xs[i]);
  printf("]}\n");
  fflush(stdout);
}

/* Test-and-set spin lock (an XCHG). A waiter on one processor gives the holder the processor
 * back after a while: a preempted holder would otherwise leave it spinning for a whole slice. */
void lock_acquire(Lock *l) {
  unsigned spins = 0;
  while (__atomic_exchange_n(&l->v, 1, __ATOMIC_ACQUIRE)) {
    while (__atomic_load_n(&l->v, __ATOMIC_RELAXED)) {
      if (++spins > 200) sched_yield();
    }
  }
}

void lock_release(Lock *l) { __atomic_store_n(&l->v, 0, __ATOMIC_RELEASE); }

void q_init(Queue *q, int sem) {
  memset(q, 0, sizeof *q);
  q->head = q->tail = 0;
  q->nodes[0].next = -1;
  for (int i = 1; i <= QCAP; i++) q->nodes[i].next = i < QCAP ? i + 1 : -1;
  q->freeHead = 1;
  q->awake = 1;
  q->sem = sem;
}

static int node_alloc(Queue *q) {
  lock_acquire(&q->flock);
  int i = q->freeHead;
  if (i >= 0) q->freeHead = q->nodes[i].next;
  lock_release(&q->flock);
  return i;
}

static void node_free(Queue *q, int i) {
  lock_acquire(&q->flock);
  q->nodes[i].next = q->freeHead;
  q->freeHead = i;
  lock_release(&q->flock);
}

/* Returns 0 when the queue is full. */
int q_enqueue(Queue *q, const Msg *m) {
  int i = node_alloc(q);
  if (i < 0) return 0;
  q->nodes[i].m = *m;
  __atomic_store_n(&q->nodes[i].next, -1, __ATOMIC_RELAXED);
  lock_acquire(&q->tlock);
  __atomic_store_n(&q->nodes[q->tail].next, i, __ATOMIC_RELEASE);
  q->tail = i;
  lock_release(&q->tlock);
  return 1;
}

/* Returns 0 when the queue is empty. */
int q_dequeue(Queue *q, Msg *m) {
  lock_acquire(&q->hlock);
  int h = q->head;
  int nx = __atomic_load_n(&q->nodes[h].next, __ATOMIC_ACQUIRE);
  if (nx < 0) {
    lock_release(&q->hlock);
    return 0;
  }
  *m = q->nodes[nx].m;
  q->head = nx;
  lock_release(&q->hlock);
  node_free(q, h);
  return 1;
}

/* The unlocked emptiness test on the head (§4.2). */
int q_empty(Queue *q) {
  int h = __atomic_load_n(&q->head, __ATOMIC_RELAXED);
  return __atomic_load_n(&q->nodes[h].next, __ATOMIC_ACQUIRE) < 0;
}

static void semop1(int idx, int delta) {
  struct sembuf b = {(unsigned short)idx, (short)delta, 0};
  while (semop(g_semid, &b, 1) != 0) {
    if (errno != EINTR) {
      perror("semop");
      exit(1);
    }
  }
}

void sem_P(int idx) { semop1(idx, -1); }
void sem_V(int idx) { semop1(idx, +1); }

/* The caches as the processor reports them (CPUID deterministic cache parameters: leaf 4 on Intel,
 * 0x8000001D on AMD), for systems whose /sys/devices/system/cpu/cpu0/cache is absent (e.g. VMs). */
static void print_caches(void) {
  printf("{\"type\":\"info\",\"name\":\"caches\",\"pageBytes\":%ld,\"caches\":[", sysconf(_SC_PAGESIZE));
#if defined(__x86_64__) || defined(__i386__)
  unsigned a, b, c, d, leaf = 4;
  if (__get_cpuid(0, &a, &b, &c, &d) && b == 0x68747541) leaf = 0x8000001D; /* "Auth"enticAMD */
  int first = 1;
  for (unsigned i = 0; i < 8; i++) {
    if (!__get_cpuid_count(leaf, i, &a, &b, &c, &d)) break;
    unsigned type = a & 31;
    if (type == 0) break;
    unsigned level = (a >> 5) & 7, line = (b & 0xfff) + 1, parts = ((b >> 12) & 0x3ff) + 1, ways = ((b >> 22) & 0x3ff) + 1, sets = c + 1;
    printf("%s{\"level\":%u,\"type\":\"%s\",\"sizeBytes\":%u,\"ways\":%u,\"lineBytes\":%u,\"fullyAssociative\":%u}", first ? "" : ",", level,
           type == 1 ? "Data" : type == 2 ? "Instruction" : "Unified", ways * parts * line * sets, ways, line, (a >> 9) & 1);
    first = 0;
  }
  /* AMD's older report (leaves 0x80000005/6) where the deterministic leaf is not offered. */
  if (first && leaf == 0x8000001D && __get_cpuid(0x80000005, &a, &b, &c, &d)) {
    static const unsigned assoc[16] = {0, 1, 2, 0, 4, 0, 8, 0, 16, 0, 32, 48, 64, 96, 128, 0};
    printf("{\"level\":1,\"type\":\"Data\",\"sizeBytes\":%u,\"ways\":%u,\"lineBytes\":%u,\"fullyAssociative\":%u},", (c >> 24) * 1024, (c >> 16) & 0xff, c & 0xff,
           ((c >> 16) & 0xff) == 0xff);
    printf("{\"level\":1,\"type\":\"Instruction\",\"sizeBytes\":%u,\"ways\":%u,\"lineBytes\":%u,\"fullyAssociative\":%u}", (d >> 24) * 1024, (d >> 16) & 0xff, d & 0xff,
           ((d >> 16) & 0xff) == 0xff);
    if (__get_cpuid(0x80000006, &a, &b, &c, &d)) {
      if (c >> 16)
        printf(",{\"level\":2,\"type\":\"Unified\",\"sizeBytes\":%u,\"ways\":%u,\"lineBytes\":%u,\"fullyAssociative\":%u}", (c >> 16) * 1024, assoc[(c >> 12) & 15], c & 0xff,
               ((c >> 12) & 15) == 15);
      if (d >> 18)
        printf(",{\"level\":3,\"type\":\"Unified\",\"sizeBytes\":%u,\"ways\":%u,\"lineBytes\":%u,\"fullyAssociative\":%u}", (d >> 18) * 512 * 1024, assoc[(d >> 12) & 15], d & 0xff,
               ((d >> 12) & 15) == 15);
    }
  }
#endif
  printf("]}\n");
}

int main(int argc, char **argv) {
  int quick = 0;
  int cpu = 0;
  const char *only = NULL;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--quick")) quick = 1;
    else if (!strcmp(argv[i], "--cpu") && i + 1 < argc) cpu = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--only") && i + 1 < argc) only = argv[++i];
    else {
      fprintf(stderr, "hostbench: unknown argument '%s' (allowed: --quick, --cpu N, --only primitives|composites|sysv|bss|bsw|bswy|bsls)\n", argv[i]);
      return 2;
    }
  }
  long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
  if (cpu < 0 || cpu >= ncpu) {
    fprintf(stderr, "hostbench: --cpu %d: this machine has processors 0 to %ld\n", cpu, ncpu - 1);
    return 2;
  }
  printf("{\"type\":\"info\",\"name\":\"run\",\"processors\":%ld,\"upCpu\":%d,\"quick\":%d,\"qcap\":%d,\"pollNs\":%d,\"maxSpin\":%d,\"msgBytes\":%zu}\n", ncpu, cpu, quick, QCAP,
         POLL_NS, MAX_SPIN, sizeof(Msg));
  print_caches();
  fflush(stdout);
  if (!only || !strcmp(only, "primitives")) measure_primitives(quick, cpu);
  if (!only || strcmp(only, "primitives")) measure_composites(quick, cpu, only && strcmp(only, "composites") ? only : NULL);
  return 0;
}
