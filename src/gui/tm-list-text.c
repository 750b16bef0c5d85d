/* tm-list-text.c
 * The text of a cell of the task list: one line, cut short with "…".
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-list-text"

#include "config.h"

#include "tm-list-text.h"

/* A GTK 4.8 list view keeps widgets for some 200 rows and makes them anew
 * when the rows it shows are replaced: 2,600 cells for the task list. A
 * GtkLabel lays out its text to be measured, and a GtkInscription makes a
 * Pango context of its own when it is made; this cell does neither. Its
 * height is one line of the list's font, worked out once per font, and its
 * text is laid out only when it is drawn, that is, when it is in view. The
 * columns have fixed widths, so its width asks for nothing. */

struct _TmListText
{
  GtkWidget    parent_instance;

  char        *text;
  float        xalign;
  PangoLayout *layout;  /* made when first drawn */
};

G_DEFINE_FINAL_TYPE (TmListText, tm_list_text, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The height of a line in the font of @context, remembered for the last
 * font asked about (the list has one font; presentation mode another). */
static int
line_height (PangoContext *context)
{
  static PangoFontDescription *font;
  static int height;
  const PangoFontDescription *wanted = pango_context_get_font_description (context);

  if (font == NULL || !pango_font_description_equal (font, wanted))
    {
      PangoFontMetrics *metrics = pango_context_get_metrics (context, wanted, NULL);

      g_clear_pointer (&font, pango_font_description_free);
      font = pango_font_description_copy (wanted);
      height = PANGO_PIXELS_CEIL (pango_font_metrics_get_ascent (metrics) +
                                  pango_font_metrics_get_descent (metrics));
      pango_font_metrics_unref (metrics);
    }
  return height;
}

static void
tm_list_text_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  GtkWidget *list;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = 0;
      return;
    }

  /* The list's font is the cells' (style.css changes only their figures'
   * shapes): its context is made once, not one per cell. */
  list = gtk_widget_get_ancestor (widget, GTK_TYPE_COLUMN_VIEW);
  *minimum = *natural = line_height (gtk_widget_get_pango_context (list != NULL ? list : widget));
}

static PangoLayout *
ensure_layout (TmListText *self)
{
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
    }
  pango_layout_set_width (self->layout, gtk_widget_get_width (GTK_WIDGET (self)) * PANGO_SCALE);
  return self->layout;
}

static void
tm_list_text_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  TmListText *self = TM_LIST_TEXT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoRectangle logical;
  PangoLayout *layout;
  GdkRGBA color;
  float x;

  if (self->text == NULL || *self->text == '\0' || width <= 0)
    return;

  layout = ensure_layout (self);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  x = logical.width < width ? self->xalign * (width - logical.width) : 0;
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    x = width - logical.width - x;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x - logical.x, (height - logical.height) / 2.0f));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
tm_list_text_finalize (GObject *object)
{
  TmListText *self = TM_LIST_TEXT (object);

  g_clear_object (&self->layout);
  g_free (self->text);

  G_OBJECT_CLASS (tm_list_text_parent_class)->finalize (object);
}

static void
tm_list_text_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TmListText *self = TM_LIST_TEXT (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_list_text_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TmListText *self = TM_LIST_TEXT (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      tm_list_text_set_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_list_text_class_init (TmListTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = tm_list_text_finalize;
  object_class->get_property = tm_list_text_get_property;
  object_class->set_property = tm_list_text_set_property;
  widget_class->measure = tm_list_text_measure;
  widget_class->snapshot = tm_list_text_snapshot;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
tm_list_text_init (TmListText *self)
{
}

GtkWidget *
tm_list_text_new (void)
{
  return g_object_new (TM_TYPE_LIST_TEXT, NULL);
}

const char *
tm_list_text_get_text (TmListText *self)
{
  g_return_val_if_fail (TM_IS_LIST_TEXT (self), NULL);

  return self->text;
}

void
tm_list_text_set_text (TmListText *self,
                       const char *text)
{
  g_return_if_fail (TM_IS_LIST_TEXT (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, text != NULL ? text : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text != NULL ? text : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

void
tm_list_text_set_xalign (TmListText *self,
                         float       xalign)
{
  g_return_if_fail (TM_IS_LIST_TEXT (self));

  self->xalign = CLAMP (xalign, 0.0f, 1.0f);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
tm_list_text_is_cut (TmListText *self)
{
  int width;

  g_return_val_if_fail (TM_IS_LIST_TEXT (self), FALSE);

  if (self->text == NULL || *self->text == '\0')
    return FALSE;
  ensure_layout (self);
  pango_layout_set_width (self->layout, -1);
  pango_layout_get_pixel_size (self->layout, &width, NULL);
  pango_layout_set_width (self->layout, gtk_widget_get_width (GTK_WIDGET (self)) * PANGO_SCALE);
  return width > gtk_widget_get_width (GTK_WIDGET (self));
}

gboolean
tm_list_text_query_cut_tooltip (TmListText *self,
                                GtkTooltip *tooltip)
{
  if (!tm_list_text_is_cut (self))
    return FALSE;

  gtk_tooltip_set_text (tooltip, self->text);
  return TRUE;
}
