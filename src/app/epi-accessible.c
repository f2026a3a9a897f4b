/* epi-accessible.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What GTK 4.8 tells assistive technology wrongly, put right. A button
 * with a mnemonic ("_Add Images…") has its label text, underscore and
 * all, as its accessible label and its label child as well: a screen
 * reader says "_Add Images… Add Images…". Without the label property the
 * name comes from the child alone, as it reads on screen.
 */

#include "config.h"

#include "epi-accessible.h"

#define FIXED_KEY "epi-accessible-mnemonic-fixed"

static void
drop_raw_label (GtkButton *button)
{
  if (gtk_button_get_use_underline (button) && gtk_button_get_label (button) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* Every mnemonic button under @root, @root included, is named by what
 * it shows, now and when its label changes. */
void
epi_accessible_fix_mnemonic_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && g_object_get_data (G_OBJECT (root), FIXED_KEY) == NULL)
    {
      g_object_set_data (G_OBJECT (root), FIXED_KEY, GINT_TO_POINTER (TRUE));
      /* GtkButton sets the raw label again before it notifies. */
      g_signal_connect (root, "notify::label", G_CALLBACK (drop_raw_label), NULL);
      g_signal_connect (root, "notify::use-underline", G_CALLBACK (drop_raw_label), NULL);
      drop_raw_label (GTK_BUTTON (root));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    epi_accessible_fix_mnemonic_names (child);
}
