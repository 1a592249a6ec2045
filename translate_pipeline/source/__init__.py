"""Source articles: the article model, the .txt/.md readers and sentence segmentation."""
