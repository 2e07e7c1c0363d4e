"""Cluster articles into events, and find the events an article mentions in passing.

The steps, one module each (details in docs/clustering.md):

* :mod:`wiretrace.cluster.features` turns an article (and the extract stage's output) into
  the vectors clustering compares, once; the store caches them.
* :mod:`wiretrace.cluster.assign` places articles into events in a canonical order, one batch
  at a time (:class:`Clusterer`), with exactly the result of clustering from scratch.
* :mod:`wiretrace.cluster.refine` moves each article once more, after the single pass, to
  the event it fits best, kept exact from batch to batch.
* :mod:`wiretrace.cluster.split` gives an event whose reports form two groups, agreeing far
  less across than within, as two events.
* :mod:`wiretrace.cluster.merge` gives two final events that are fragments of one (the
  split's criterion turned round) as one event, kept exact from batch to batch.
* :mod:`wiretrace.cluster.state` holds the events between batches: in memory, or in the
  store's tables (:mod:`wiretrace.cluster.stored`).
"""

from wiretrace.cluster.assign import (
    Clusterer,
    FeatureLoader,
    build_events,
    canonical_order,
    cluster_features,
    dress_events,
    event_id,
)
from wiretrace.cluster.features import (
    FEATURE_SETTINGS,
    FEATURES_VERSION,
    ArticleFeatures,
    ClusterSettings,
    SparseVector,
    cased_terms_of,
    cosine,
    entity_key,
    extraction_features,
    features_kind,
    featurize,
    normalise,
    term_idf,
    terms_of,
    top_terms,
)
from wiretrace.cluster.state import (
    CanonicalKey,
    ClusterState,
    EventState,
    MemoryState,
    Placement,
    canonical_key,
)

__all__ = [
    "FEATURES_VERSION",
    "FEATURE_SETTINGS",
    "ArticleFeatures",
    "CanonicalKey",
    "ClusterSettings",
    "ClusterState",
    "Clusterer",
    "EventState",
    "FeatureLoader",
    "MemoryState",
    "Placement",
    "SparseVector",
    "build_events",
    "canonical_key",
    "canonical_order",
    "cased_terms_of",
    "cluster_features",
    "cosine",
    "dress_events",
    "entity_key",
    "event_id",
    "extraction_features",
    "features_kind",
    "featurize",
    "normalise",
    "term_idf",
    "terms_of",
    "top_terms",
]
