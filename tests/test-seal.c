/* test-seal.c
 *
 * Copyright 2026 The Epicrypt authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/prctl.h>

#include "epi-test-util.h"

static EpiKeyring *
new_ring (const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiSecret) secret = epi_secret_new (password, strlen (password), &error);

  g_assert_no_error (error);
  /* The smallest costs libsodium allows keep thousands of openings fast;
   * the format is the same at any cost. */
  return epi_keyring_new (secret, EPI_KDF_MINIMAL);
}

static GBytes *
seal_named (EpiKeyring     *ring,
            GBytes         *payload,
            const char     *name,
            EpiSealedFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiKey) key = epi_keyring_get_seal_key (ring, &error);
  GBytes *sealed;

  g_assert_no_error (error);
  sealed = epi_seal (key, payload, name, flags, &error);
  g_assert_no_error (error);
  return sealed;
}

static GBytes *
seal_with (EpiKeyring *ring,
           GBytes     *payload)
{
  return seal_named (ring, payload, "picture.png", 0);
}

static void
test_round_trip_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(EpiKeyring) ring = new_ring ("correct horse battery staple");
  g_autoptr(EpiKeyring) reader = new_ring ("correct horse battery staple");
  g_autoptr(GHashTable) nonces = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                                        (GDestroyNotify) g_bytes_unref, NULL);
  const char *names[] = { "camera.png", "/a/folder/IMG 0001.JPG", "Ünïcødé ✓.webp", NULL, "x" };

  for (guint round = 0; round < 100; round++)
    {
      g_autoptr(EpiSpectrum) spectrum = test_random_spectrum (rand);
      g_autoptr(GBytes) payload = epi_payload_encode (spectrum);
      const char *name = names[round % G_N_ELEMENTS (names)];
      EpiSealedFlags flags = round % 3 == 0 ? EPI_SEALED_NAME_HIDDEN : 0;
      g_autoptr(GBytes) sealed = seal_named (ring, payload, name, flags);
      g_autoptr(GBytes) opened = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *inside = NULL;
      g_autofree char *base = name != NULL ? g_path_get_basename (name) : NULL;
      const guint8 *data = g_bytes_get_data (sealed, NULL);
      EpiSealedHeader header;

      /* The name field has one size, whatever the name: the file's size
       * tells nothing of it. */
      g_assert_cmpuint (g_bytes_get_size (sealed), ==,
                        EPI_SEALED_HEADER_SIZE + 2 + EPI_NAME_MAX + g_bytes_get_size (payload) + EPI_MAC_BYTES);
      g_assert_cmpmem (data, 8, "EPICRYPT", 8);

      opened = epi_unseal (reader, data, g_bytes_get_size (sealed), &header, &inside, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (opened, payload));
      g_assert_cmpstr (inside, ==, base);
      g_assert_cmpuint (header.version, ==, 2);
      g_assert_cmpuint (header.flags, ==, flags);

      /* Every file has its own nonce. */
      g_assert_true (g_hash_table_add (nonces, g_bytes_new (data + 32, EPI_NONCE_BYTES)));
    }

  /* One derivation for a hundred files each way. */
  g_assert_cmpuint (epi_keyring_get_n_derived (ring), ==, 1);
  g_assert_cmpuint (epi_keyring_get_n_derived (reader), ==, 1);
}

static GBytes *
small_sealed_file (EpiKeyring *ring)
{
  g_autoptr(GBytes) payload = test_small_payload ();

  return seal_with (ring, payload);
}

/* Every bit of a file matters. A change in the header is caught before
 * anything is decrypted: by its own checks, or because the key
 * commitment no longer matches (a changed salt or strength is another
 * key). A change in the ciphertext is damage, told as such. */
static void
test_every_bit_flip_rejected (void)
{
  g_autoptr(EpiKeyring) ring = new_ring ("hunter2");
  g_autoptr(GBytes) sealed = small_sealed_file (ring);
  gsize length;
  g_autofree guint8 *copy = g_bytes_unref_to_data (g_bytes_ref (sealed), &length);

  for (gsize bit = 0; bit < 8 * length; bit++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) opened = NULL;

      copy[bit / 8] ^= (guint8) (1u << (bit % 8));
      opened = epi_unseal (ring, copy, length, NULL, NULL, &error);
      copy[bit / 8] ^= (guint8) (1u << (bit % 8));

      if (opened != NULL)
        g_error ("flipping bit %" G_GSIZE_FORMAT " went unnoticed", bit);
      g_assert_true (error->domain == EPI_ERROR);
      if (bit / 8 >= EPI_SEALED_HEADER_SIZE)
        g_assert_cmpint (error->code, ==, EPI_ERROR_DAMAGED);
      else
        g_assert_true (error->code == EPI_ERROR_NOT_SEALED || error->code == EPI_ERROR_UNSUPPORTED ||
                       error->code == EPI_ERROR_WRONG_PASSWORD);
    }

  /* Unflipped, it still opens. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) opened = epi_unseal (ring, copy, length, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (opened);
  }
}

/* Each field of the header taken from another file of the same password
 * (another batch: another salt, nonce and commitment) is refused. */
static void
test_header_fields_swapped (void)
{
  struct { const char *field; gsize offset, size; } fields[] = {
    { "strength and flags", 10, 6 },
    { "salt", 16, EPI_SALT_BYTES },
    { "nonce", 32, EPI_NONCE_BYTES },
    { "commitment", 56, EPI_COMMITMENT_BYTES },
    { "salt and commitment", 16, EPI_SALT_BYTES + EPI_NONCE_BYTES + EPI_COMMITMENT_BYTES },
  };
  g_autoptr(EpiKeyring) first = new_ring ("one password");
  g_autoptr(EpiKeyring) second = new_ring ("one password");
  g_autoptr(EpiKeyring) reader = new_ring ("one password");
  g_autoptr(GBytes) payload = test_small_payload ();
  g_autoptr(GBytes) a = seal_named (first, payload, "a.png", 0);
  g_autoptr(GBytes) b = seal_named (second, payload, "b.png", EPI_SEALED_NAME_HIDDEN);

  g_assert_cmpuint (g_bytes_get_size (a), ==, g_bytes_get_size (b));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      gsize length;
      g_autofree guint8 *data = g_bytes_unref_to_data (g_bytes_ref (a), &length);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) opened = NULL;

      memcpy (data + fields[i].offset, (const guint8 *) g_bytes_get_data (b, NULL) + fields[i].offset,
              fields[i].size);
      opened = epi_unseal (reader, data, length, NULL, NULL, &error);
      if (opened != NULL)
        g_error ("a file with another file's %s opened", fields[i].field);
      g_assert_true (error->domain == EPI_ERROR);
    }

  /* Both files themselves open. */
  for (guint i = 0; i < 2; i++)
    {
      GBytes *file = i == 0 ? a : b;
      g_autoptr(GBytes) opened = epi_unseal (reader, g_bytes_get_data (file, NULL), g_bytes_get_size (file),
                                             NULL, NULL, NULL);

      g_assert_true (opened != NULL && g_bytes_equal (opened, payload));
    }
}

static void
test_every_truncation_rejected (void)
{
  g_autoptr(EpiKeyring) ring = new_ring ("hunter2");
  g_autoptr(GBytes) sealed = small_sealed_file (ring);
  gsize length;
  const guint8 *data = g_bytes_get_data (sealed, &length);

  for (gsize cut = 0; cut < length; cut++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) opened = epi_unseal (ring, data, cut, NULL, NULL, &error);

      g_assert_null (opened);
      if (cut == 0)
        g_assert_error (error, EPI_ERROR, EPI_ERROR_NOT_SEALED);
      else if (cut < EPI_SEALED_HEADER_SIZE + EPI_MAC_BYTES)
        g_assert_error (error, EPI_ERROR, EPI_ERROR_TRUNCATED);
      else
        g_assert_error (error, EPI_ERROR, EPI_ERROR_DAMAGED);
    }
}

static void
test_wrong_password (void)
{
  g_autoptr(EpiKeyring) ring = new_ring ("right");
  g_autoptr(EpiKeyring) wrong = new_ring ("wrong");
  g_autoptr(GBytes) sealed = small_sealed_file (ring);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) opened = epi_unseal (wrong, g_bytes_get_data (sealed, NULL),
                                         g_bytes_get_size (sealed), NULL, NULL, &error);

  g_assert_error (error, EPI_ERROR, EPI_ERROR_WRONG_PASSWORD);
  g_assert_null (opened);
  g_assert_null (strstr (error->message, "right"));
  g_assert_null (strstr (error->message, "wrong:"));
}

static void
put_header_u64 (guint8  *data,
                gsize    offset,
                guint64  value,
                gsize    size)
{
  for (gsize i = 0; i < size; i++)
    data[offset + i] = (guint8) (value >> (8 * i));
}

/* Unknown versions, strengths and options are refused from the header
 * alone, before any key is derived: the file does not choose the cost. */
static void
test_header_refusals (void)
{
  struct { gsize offset; guint64 value; gsize size; gint code; } cases[] = {
    { 8, 3, 2, EPI_ERROR_UNSUPPORTED },                  /* format version 3 */
    { 8, 0, 2, EPI_ERROR_UNSUPPORTED },
    { 8, 0xFFFF, 2, EPI_ERROR_UNSUPPORTED },
    { 10, 0, 2, EPI_ERROR_UNSUPPORTED },                 /* strength ids outside the table */
    { 10, 4, 2, EPI_ERROR_UNSUPPORTED },
    { 10, 254, 2, EPI_ERROR_UNSUPPORTED },
    { 10, 256 + 255, 2, EPI_ERROR_UNSUPPORTED },
    { 10, 0xFFFF, 2, EPI_ERROR_UNSUPPORTED },
    { 12, 2, 2, EPI_ERROR_UNSUPPORTED },                 /* an unknown option */
    { 12, 0x8000, 2, EPI_ERROR_UNSUPPORTED },
    { 14, 1, 2, EPI_ERROR_UNSUPPORTED },                 /* the zero field */
    { 0, 0x4E5950524349505FULL, 8, EPI_ERROR_NOT_SEALED }, /* other magic */
  };
  g_autoptr(EpiKeyring) sealer = new_ring ("pw");
  g_autoptr(GBytes) sealed = small_sealed_file (sealer);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EpiKeyring) ring = new_ring ("pw");
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) opened = NULL;
      gsize length;
      g_autofree guint8 *data = g_bytes_unref_to_data (g_bytes_ref (sealed), &length);
      EpiSealedHeader header;

      put_header_u64 (data, cases[i].offset, cases[i].value, cases[i].size);
      opened = epi_unseal (ring, data, length, NULL, NULL, &error);
      g_assert_error (error, EPI_ERROR, cases[i].code);
      g_assert_null (opened);
      g_assert_cmpuint (epi_keyring_get_n_derived (ring), ==, 0);
      g_clear_error (&error);

      g_assert_false (epi_sealed_header_parse (data, length, &header, &error));
      g_assert_error (error, EPI_ERROR, cases[i].code);
    }
}

/* A program's ring refuses the test strength, and a maximum refuses the
 * costlier entries: both before any derivation. */
static void
test_strength_policy (void)
{
  struct { EpiKdfStrength file, ring, max; gint code; } cases[] = {
    { EPI_KDF_MINIMAL, EPI_KDF_MODERATE, EPI_KDF_SENSITIVE, EPI_ERROR_UNSUPPORTED },
    { EPI_KDF_MINIMAL, EPI_KDF_INTERACTIVE, EPI_KDF_INTERACTIVE, EPI_ERROR_UNSUPPORTED },
    { EPI_KDF_SENSITIVE, EPI_KDF_MODERATE, EPI_KDF_MODERATE, EPI_ERROR_BAD_KDF_LIMITS },
    { EPI_KDF_SENSITIVE, EPI_KDF_MODERATE, EPI_KDF_INTERACTIVE, EPI_ERROR_BAD_KDF_LIMITS },
    { EPI_KDF_MODERATE, EPI_KDF_MODERATE, EPI_KDF_INTERACTIVE, EPI_ERROR_BAD_KDF_LIMITS },
  };
  g_autoptr(EpiKeyring) sealer = new_ring ("pw");
  g_autoptr(GBytes) sealed = small_sealed_file (sealer);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EpiSecret) secret = epi_secret_new ("pw", 2, NULL);
      g_autoptr(EpiKeyring) ring = epi_keyring_new (secret, cases[i].ring);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) opened = NULL;
      gsize length;
      g_autofree guint8 *data = g_bytes_unref_to_data (g_bytes_ref (sealed), &length);

      epi_keyring_set_max_strength (ring, cases[i].max);
      put_header_u64 (data, 10, cases[i].file, 2);
      opened = epi_unseal (ring, data, length, NULL, NULL, &error);
      g_assert_error (error, EPI_ERROR, cases[i].code);
      g_assert_null (opened);
      g_assert_cmpuint (epi_keyring_get_n_derived (ring), ==, 0);
    }
}

static void
test_header_parse (void)
{
  g_autoptr(EpiKeyring) ring = new_ring ("pw");
  g_autoptr(GBytes) payload = test_small_payload ();
  g_autoptr(GBytes) sealed = seal_named (ring, payload, "camera.png", EPI_SEALED_NAME_HIDDEN);
  g_autoptr(GError) error = NULL;
  EpiSealedHeader header;
  EpiKdfLimits minimal;

  g_assert_true (epi_kdf_strength_get_limits (EPI_KDF_MINIMAL, &minimal));
  g_assert_true (epi_sealed_header_parse (g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed),
                                          &header, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (header.version, ==, EPI_SEALED_VERSION);
  g_assert_cmpuint (header.key.version, ==, 2);
  g_assert_cmpuint (header.key.strength, ==, EPI_KDF_MINIMAL);
  g_assert_cmpuint (header.key.limits.opslimit, ==, minimal.opslimit);
  g_assert_cmpuint (header.key.limits.memlimit, ==, minimal.memlimit);
  g_assert_cmpuint (header.flags, ==, EPI_SEALED_NAME_HIDDEN);
  g_assert_cmpuint (header.header_size, ==, EPI_SEALED_HEADER_SIZE);
  g_assert_cmpuint (header.payload_length, ==, 2 + EPI_NAME_MAX + EPI_PAYLOAD_HEADER_SIZE + 8 + 2 * 24);
}

/* A name kept inside that could not be a file name is damage, even when
 * it decrypts. */
static void
test_names_inside (void)
{
  g_autoptr(EpiKeyring) ring = new_ring ("pw");
  g_autoptr(GBytes) payload = test_small_payload ();
  g_autofree char *longest = g_strnfill (EPI_NAME_MAX, 'n');
  g_autofree char *too_long = g_strnfill (EPI_NAME_MAX + 1, 'n');
  g_autoptr(GError) error = NULL;
  g_autoptr(EpiKey) key = epi_keyring_get_seal_key (ring, NULL);

  {
    g_autoptr(GBytes) sealed = seal_named (ring, payload, longest, 0);
    g_autofree char *inside = NULL;
    g_autoptr(GBytes) opened = epi_unseal (ring, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed),
                                           NULL, &inside, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (inside, ==, longest);
  }

  g_assert_null (epi_seal (key, payload, too_long, 0, &error));
  g_assert_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT);
}

/* The table of strengths, as the format and the README give it. */
static void
test_strength_table (void)
{
  struct { EpiKdfStrength strength; const char *name; guint64 passes, mib; } table[] = {
    { EPI_KDF_INTERACTIVE, "interactive", 2, 64 },
    { EPI_KDF_MODERATE, "moderate", 3, 256 },
    { EPI_KDF_SENSITIVE, "sensitive", 4, 1024 },
  };
  EpiKdfLimits limits;
  EpiKdfStrength strength;

  g_assert_cmpint (EPI_KDF_DEFAULT, ==, EPI_KDF_MODERATE);
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_assert_true (epi_kdf_strength_get_limits (table[i].strength, &limits));
      g_assert_cmpuint (limits.opslimit, ==, table[i].passes);
      g_assert_cmpuint (limits.memlimit, ==, table[i].mib << 20);
      g_assert_cmpstr (epi_kdf_strength_get_name (table[i].strength), ==, table[i].name);
      g_assert_true (epi_kdf_strength_from_name (table[i].name, &strength));
      g_assert_cmpint (strength, ==, table[i].strength);
      g_assert_cmpint (epi_kdf_strength_for_limits (&limits), ==, table[i].strength);
      g_assert_true (epi_kdf_limits_check (&limits, NULL));
    }

  for (guint id = 0; id < 0x10000; id++)
    if (id != EPI_KDF_INTERACTIVE && id != EPI_KDF_MODERATE && id != EPI_KDF_SENSITIVE && id != EPI_KDF_MINIMAL)
      g_assert_false (epi_kdf_strength_get_limits (id, &limits));
  /* The test strength is no option a person can pick. */
  g_assert_false (epi_kdf_strength_from_name ("minimal", &strength));
  g_assert_false (epi_kdf_strength_from_name ("Moderate", &strength));
}

/* One password typed as composed characters (NFC) or as letters and
 * combining accents (NFD, as macOS file names hold them) opens one file. */
static void
test_password_normalised (void)
{
  const char *nfc = "Cr\xc3\xa8me br\xc3\xbbl\xc3\xa9" "e \xe2\x84\xab";         /* Crème brûlée Å (U+212B) */
  const char *nfd = "Cre\xcc\x80me bru\xcc\x82le\xcc\x81" "e A\xcc\x8a";          /* decomposed */
  const char *other = "Cre\xcc\x80me bru\xcc\x82le\xcc\x81" "e";
  const char *not_utf8 = "caf\xe9";
  g_autoptr(EpiKeyring) composed = new_ring (nfc);
  g_autoptr(EpiKeyring) decomposed = new_ring (nfd);
  g_autoptr(EpiKeyring) different = new_ring (other);
  g_autoptr(EpiKeyring) latin1 = new_ring (not_utf8);
  g_autoptr(EpiKeyring) latin1_reader = new_ring (not_utf8);
  g_autoptr(GBytes) payload = test_small_payload ();
  g_autoptr(GBytes) sealed = seal_with (composed, payload);
  g_autoptr(GBytes) sealed_latin1 = seal_with (latin1, payload);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) opened = NULL;

  g_assert_cmpstr (nfd, !=, nfc);
  opened = epi_unseal (decomposed, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed),
                       NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (opened, payload));
  g_clear_pointer (&opened, g_bytes_unref);

  opened = epi_unseal (different, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed),
                       NULL, NULL, &error);
  g_assert_error (error, EPI_ERROR, EPI_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);

  /* Bytes that are not UTF-8 are a password too, taken as they are. */
  opened = epi_unseal (latin1_reader, g_bytes_get_data (sealed_latin1, NULL), g_bytes_get_size (sealed_latin1),
                       NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (opened, payload));
}

/* While a password or a key lives, the process is not dumpable: no core
 * file holds it. Once all are gone it is again, for the desktop portals'
 * sake. */
static void
test_dump_guard (void)
{
  g_autoptr(EpiKeyring) ring = NULL;
  EpiKey *key;

  g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 1);
  ring = new_ring ("dump");
  g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 0);
  key = epi_keyring_get_seal_key (ring, NULL);
  g_clear_pointer (&ring, epi_keyring_unref);
  /* The key outlives the password. */
  g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 0);
  epi_key_unref (key);
  g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 1);

  epi_dump_guard_hold ();
  g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 0);
  epi_dump_guard_release ();
  g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 1);
}

static void
test_secret_rules (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = g_strnfill (EPI_MAX_PASSWORD_BYTES + 1, 'x');
  g_autoptr(EpiSecret) a = epi_secret_new ("same", 4, &error);
  g_autoptr(EpiSecret) b = epi_secret_new ("same", 4, NULL);
  g_autoptr(EpiSecret) c = epi_secret_new ("sane", 4, NULL);
  EpiSecret *bad;

  g_assert_no_error (error);
  g_assert_true (epi_secret_equal (a, b));
  g_assert_false (epi_secret_equal (a, c));

  bad = epi_secret_new ("", 0, &error);
  g_assert_null (bad);
  g_assert_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  bad = epi_secret_new (huge, strlen (huge), &error);
  g_assert_null (bad);
  g_assert_error (error, EPI_ERROR, EPI_ERROR_INVALID_ARGUMENT);
}

/* Files of many salts: each key is derived once while it stays among the
 * recent ones, and the cache never grows past a bound. */
static void
test_key_cache_is_bounded (void)
{
  g_autoptr(EpiKeyring) reader = new_ring ("many");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (guint i = 0; i < 40; i++)
    {
      /* A new ring, so a new salt, for every file. */
      g_autoptr(EpiKeyring) writer = new_ring ("many");

      g_ptr_array_add (files, small_sealed_file (writer));
    }

  for (guint i = 0; i < files->len; i++)
    {
      GBytes *file = g_ptr_array_index (files, i);
      g_autoptr(GBytes) opened = epi_unseal (reader, g_bytes_get_data (file, NULL), g_bytes_get_size (file), NULL, NULL, NULL);

      g_assert_nonnull (opened);
    }
  g_assert_cmpuint (epi_keyring_get_n_derived (reader), ==, 40);

  /* The latest is still there; the first has been let go. */
  for (guint round = 0; round < 2; round++)
    {
      GBytes *last = g_ptr_array_index (files, 39);
      g_autoptr(GBytes) opened = epi_unseal (reader, g_bytes_get_data (last, NULL), g_bytes_get_size (last), NULL, NULL, NULL);

      g_assert_nonnull (opened);
    }
  g_assert_cmpuint (epi_keyring_get_n_derived (reader), ==, 40);
  {
    GBytes *first = g_ptr_array_index (files, 0);
    g_autoptr(GBytes) opened = epi_unseal (reader, g_bytes_get_data (first, NULL), g_bytes_get_size (first), NULL, NULL, NULL);

    g_assert_nonnull (opened);
  }
  g_assert_cmpuint (epi_keyring_get_n_derived (reader), ==, 41);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Epi/Seal/round-trip-random", test_round_trip_random);
  g_test_add_func ("/Epi/Seal/every-bit-flip-rejected", test_every_bit_flip_rejected);
  g_test_add_func ("/Epi/Seal/every-truncation-rejected", test_every_truncation_rejected);
  g_test_add_func ("/Epi/Seal/wrong-password", test_wrong_password);
  g_test_add_func ("/Epi/Seal/header-refusals", test_header_refusals);
  g_test_add_func ("/Epi/Seal/header-fields-swapped", test_header_fields_swapped);
  g_test_add_func ("/Epi/Seal/strength-policy", test_strength_policy);
  g_test_add_func ("/Epi/Seal/strength-table", test_strength_table);
  g_test_add_func ("/Epi/Seal/names-inside", test_names_inside);
  g_test_add_func ("/Epi/Seal/password-normalised", test_password_normalised);
  g_test_add_func ("/Epi/Seal/header-parse", test_header_parse);
  g_test_add_func ("/Epi/Seal/secret-rules", test_secret_rules);
  g_test_add_func ("/Epi/Seal/dump-guard", test_dump_guard);
  g_test_add_func ("/Epi/Seal/key-cache-is-bounded", test_key_cache_is_bounded);

  return g_test_run ();
}
