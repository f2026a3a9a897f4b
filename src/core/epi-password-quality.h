/* epi-password-quality.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "epi-secret.h"

G_BEGIN_DECLS

/* How hard a new password is to guess, from weakest to strongest. */
typedef enum
{
  EPI_PASSWORD_LEVEL_WEAK,    /* refused by libpwquality, or scored below 50 */
  EPI_PASSWORD_LEVEL_FAIR,    /* scored 50 to 74 */
  EPI_PASSWORD_LEVEL_GOOD,    /* scored 75 to 89 */
  EPI_PASSWORD_LEVEL_STRONG,  /* scored 90 or more */
} EpiPasswordLevel;

/* The least a new password must reach to seal without a question (the
 * app) or a warning (the CLI). A sealed file can be guessed at offline,
 * with no lockout, so the "fair" of a login password is not enough. */
#define EPI_PASSWORD_LEVEL_ENOUGH EPI_PASSWORD_LEVEL_GOOD

/* The lowest libpwquality score of each level above weak. */
#define EPI_PASSWORD_FAIR_SCORE   50
#define EPI_PASSWORD_GOOD_SCORE   75
#define EPI_PASSWORD_STRONG_SCORE 90

/* What libpwquality makes of a password. Never holds the password. */
typedef struct
{
  guint             score;    /* 0–100; 0 when the password is refused outright */
  EpiPasswordLevel  level;
  char             *message;  /* owned; translated; why it is not strong, as a
                               * clause ("it is based on a dictionary word");
                               * NULL when strong */
} EpiPasswordQuality;

EpiPasswordQuality *epi_password_quality_check (EpiSecret          *password,
                                                GError            **error);
void                epi_password_quality_free  (EpiPasswordQuality *quality);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpiPasswordQuality, epi_password_quality_free)

G_END_DECLS
