"""tism: the Trafficking Investigation Standards Manual as validated data, a site and a search index."""
