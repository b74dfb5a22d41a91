"""Speed, as ratios to a bare "hello" app served the same way in the same run: `python -m bench`."""
