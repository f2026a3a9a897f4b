/* epi-handoff.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* GThreadPool and GTask hand work to other threads through futex-based
 * queues whose ordering ThreadSanitizer cannot see, GLib not being built
 * for it: say that everything before a hand-off of @object happens before
 * its taking. */
#if defined(__SANITIZE_THREAD__)
# include <sanitizer/tsan_interface.h>
# define EPI_HANDOFF_RELEASE(object) __tsan_release (object)
# define EPI_HANDOFF_ACQUIRE(object) __tsan_acquire (object)
#else
# define EPI_HANDOFF_RELEASE(object) G_STMT_START { } G_STMT_END
# define EPI_HANDOFF_ACQUIRE(object) G_STMT_START { } G_STMT_END
#endif
