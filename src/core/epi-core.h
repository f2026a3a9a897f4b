/* epi-core.h
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The whole core library; it has no GTK in it.
 */

#pragma once

#include "epi-alpha-lines.h"
#include "epi-batch.h"
#include "epi-batch-task.h"
#include "epi-centerline.h"
#include "epi-edges.h"
#include "epi-enum-types.h"
#include "epi-error.h"
#include "epi-export.h"
#include "epi-file.h"
#include "epi-image.h"
#include "epi-key.h"
#include "epi-locale.h"
#include "epi-names.h"
#include "epi-passphrase.h"
#include "epi-password-quality.h"
#include "epi-path.h"
#include "epi-payload.h"
#include "epi-pipeline.h"
#include "epi-renderer.h"
#include "epi-seal.h"
#include "epi-secret.h"
#include "epi-spectrum.h"
#include "epi-still.h"
#include "epi-task.h"
#include "epi-trace.h"
