/* test-keys.h: real key presses for the window tests, through the X server
 *
 * The keys go in by XTest, as a keyboard's would: the X server gives them to
 * the window that has the input focus, and GTK sees them as it sees a
 * person's. Needs the X11 backend (the tests run under Xvfb).
 */
#pragma once

#include <gtk/gtk.h>
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>

static inline Display *
indsats_test_xdisplay (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  g_assert_true (GDK_IS_X11_DISPLAY (display));
  return gdk_x11_display_get_xdisplay (display);
}

/* Runs the main loop until the X server has sent every event and GTK has
 * handled them, and a frame or two has been drawn */
static inline void
indsats_test_settle (void)
{
  gint64 until = g_get_monotonic_time () + 60 * 1000;

  XSync (indsats_test_xdisplay (), False);
  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

/* How many key releases the windows have had: a key is through once its
 * release has come back from the X server */
static guint indsats_test_releases;

static inline gboolean
indsats_test_event_cb (GdkSurface *surface,
                       GdkEvent   *event,
                       gpointer    user_data)
{
  if (gdk_event_get_event_type (event) == GDK_KEY_RELEASE)
    indsats_test_releases++;
  return FALSE;
}

/* Counts the releases of every window shown */
static inline void
indsats_test_watch_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

      if (surface && !g_object_get_data (G_OBJECT (surface), "indsats-test-watched"))
        {
          g_object_set_data (G_OBJECT (surface), "indsats-test-watched", GINT_TO_POINTER (1));
          g_signal_connect (surface, "event", G_CALLBACK (indsats_test_event_cb), NULL);
        }
    }
}

/* Runs the main loop until the windows have had @releases key releases (a
 * busy window takes its time), at most 1 s (a menu's keys go to its own
 * surface, which is not watched), then settles */
static inline void
indsats_test_wait_releases (guint releases)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC;

  XSync (indsats_test_xdisplay (), False);
  while (indsats_test_releases < releases && g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  indsats_test_settle ();
}

static inline void
indsats_test_key_event (guint    keyval,
                        gboolean press)
{
  Display *dpy = indsats_test_xdisplay ();
  KeyCode code = XKeysymToKeycode (dpy, keyval);

  g_assert_cmpuint (code, !=, 0);
  XTestFakeKeyEvent (dpy, code, press, CurrentTime);
}

/* Presses and lets go of @accelerator ("<Alt>2", "<Shift>F10", "Down") */
static inline void
indsats_test_press (const char *accelerator)
{
  static const struct { GdkModifierType mask; guint keyval; } modifiers[] = {
    { GDK_SHIFT_MASK, GDK_KEY_Shift_L },
    { GDK_CONTROL_MASK, GDK_KEY_Control_L },
    { GDK_ALT_MASK, GDK_KEY_Alt_L },
  };
  guint keyval = 0;
  GdkModifierType mods = 0;

  guint releases;

  g_assert_true (gtk_accelerator_parse (accelerator, &keyval, &mods));
  indsats_test_watch_windows ();
  releases = indsats_test_releases + 1;
  for (guint i = 0; i < G_N_ELEMENTS (modifiers); i++)
    if (mods & modifiers[i].mask)
      releases++;
  for (guint i = 0; i < G_N_ELEMENTS (modifiers); i++)
    if (mods & modifiers[i].mask)
      indsats_test_key_event (modifiers[i].keyval, TRUE);
  indsats_test_key_event (keyval, TRUE);
  indsats_test_key_event (keyval, FALSE);
  for (guint i = G_N_ELEMENTS (modifiers); i-- > 0;)
    if (mods & modifiers[i].mask)
      indsats_test_key_event (modifiers[i].keyval, FALSE);
  indsats_test_wait_releases (releases);
}

/* Types @text (plain letters, digits and spaces) a key at a time */
static inline void
indsats_test_type (const char *text)
{
  indsats_test_watch_windows ();
  for (const char *p = text; *p; p++)
    {
      char key[2] = { *p, 0 };
      guint keyval = *p == ' ' ? GDK_KEY_space : gdk_keyval_from_name (key);
      guint releases = indsats_test_releases + 1;

      g_assert_cmpuint (keyval, !=, GDK_KEY_VoidSymbol);
      indsats_test_key_event (keyval, TRUE);
      indsats_test_key_event (keyval, FALSE);
      indsats_test_wait_releases (releases);
    }
}

/* Waits until @window is on screen and has the keyboard (at most 5 s): the
 * keys go to it. There is no window manager under Xvfb to give it the X
 * input focus when it opens, so the test does what one would. */
static inline void
indsats_test_wait_active (GtkWindow *window)
{
  gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (GTK_WIDGET (window)) && g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  XSetInputFocus (indsats_test_xdisplay (),
                  gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))),
                  RevertToPointerRoot, CurrentTime);
  XSync (indsats_test_xdisplay (), False);

  while (!gtk_window_is_active (window) && g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_true (gtk_window_is_active (window));
}
