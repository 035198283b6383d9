"""newslens terminal layers: the command line and the Textual reader.

Everything here renders records from :mod:`core`; no NLP happens here.
"""
