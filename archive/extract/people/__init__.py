"""People in one article: candidates, accepted names, their mentions, the clusters of mentions
that are one person, roles, gender and credits (:func:`archive.extract.people.mentions.find_people`
runs the steps)."""
