/* epi-error.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define EPI_ERROR (epi_error_quark ())

/* Codes a caller can branch on; I/O problems and cancellation use
 * G_IO_ERROR instead. */
typedef enum
{
  EPI_ERROR_NOT_AN_IMAGE,     /* no loader recognises the bytes */
  EPI_ERROR_CORRUPT_IMAGE,    /* a recognised image that fails to decode */
  EPI_ERROR_TOO_LARGE,        /* dimensions or sizes over a configured cap */
  EPI_ERROR_NO_LINES,         /* the picture has no edges to draw */
  EPI_ERROR_BAD_PAYLOAD,      /* a payload that fails validation */
  EPI_ERROR_NOT_SEALED,       /* not an Epicrypt file at all */
  EPI_ERROR_UNSUPPORTED,      /* a format version or KDF we do not know */
  EPI_ERROR_BAD_KDF_LIMITS,   /* KDF costs out of the accepted range */
  EPI_ERROR_TRUNCATED,        /* a sealed file shorter than its header says */
  EPI_ERROR_DECRYPT_FAILED,   /* version 1: wrong password, or the file was altered */
  EPI_ERROR_OUT_OF_MEMORY,    /* an allocation we can survive failed */
  EPI_ERROR_INVALID_ARGUMENT, /* a setting out of its range */
  EPI_ERROR_WRONG_PASSWORD,   /* version 2: the key commitment does not match */
  EPI_ERROR_DAMAGED,          /* version 2: right password, altered contents */
} EpiError;

/* The domain of the EpiError codes above. */
GQuark epi_error_quark (void);

G_END_DECLS
