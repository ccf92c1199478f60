//! Rendering reports and comparisons as text or JSON, to any writer.
