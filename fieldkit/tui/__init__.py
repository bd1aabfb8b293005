"""The field terminal app (Textual). It only renders and calls the core library; it never writes data itself."""
