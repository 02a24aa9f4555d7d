//! `GET /contests/{slug}`: the contest's public page (drawn by `contests`)
//! with the proof it has published along its way (from `results`): the
//! commitment made when judging opened, the hash of each closed round and
//! of the results at finalization.

use axum::extract::{Path, State};
use axum::response::Response;

use crate::contests::public::{Proof, show_page, visible_contest};
use crate::web::Ctx;
use crate::{error::AppError, state::AppState};

/// `GET /contests/{slug}`: the call for entries, where it stands, its proof.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let contest = visible_contest(&state, &ctx, &slug).await?;
    let proof = Proof {
        commitment: crate::results::commitment::root_of(&state.db, contest.id).await?,
        results_hash: crate::results::snapshot::published_hash(&state.db, contest.id).await?,
        round_hashes: crate::results::round_snapshot::stored(
            &mut *state.db.pool.acquire().await?,
            contest.id,
        )
        .await?
        .into_iter()
        .map(|(position, _, hash)| (position, hash))
        .collect(),
    };
    show_page(&state, &ctx, contest, proof).await
}
