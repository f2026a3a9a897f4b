/* epi-test-ocr.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean   test_font_installed (const char  *family);
gboolean   test_ocr_ready      (void);
GPtrArray *test_split_words    (const char  *text);
GPtrArray *test_ocr_words      (const char  *png,
                                GError     **error);
guint      test_count_common   (GPtrArray   *reference,
                                GPtrArray   *read);

G_END_DECLS
