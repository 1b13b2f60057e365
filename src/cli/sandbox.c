/* sandbox.c — PLACEHOLDER: no sandbox yet. worker_sandbox_enter() does
 * nothing and returns 0. The seccomp implementation (another engineer's
 * work) replaces this file; see sandbox.h for the contract. */
#include "sandbox.h"

int worker_sandbox_enter(void) { return 0; }
