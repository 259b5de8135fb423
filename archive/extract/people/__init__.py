"""People in one article: mentions, the clusters of mentions that are one person, roles, credits."""
