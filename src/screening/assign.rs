//! The best assignment of an applicant's name words to a list name's words: a search over the
//! few words of each side, the likeliest pairings first, with a budget a hostile entry cannot
//! exceed (a search that ran out says so: [`super::score::Explanation::capped`]).

use super::score::How;

/// Pairings tried at most for one list name.
const SEARCH_BUDGET: usize = 20_000;

/// The search for the best assignment of applicant words to entry words.
pub struct Search<'a> {
    sims: &'a [Vec<(f64, How)>],
    weights: &'a [f64],
    /// Entry words of each applicant word worth pairing, the likeliest first.
    order: Vec<Vec<usize>>,
    assign: Vec<Option<usize>>,
    pub best_assign: Vec<Option<usize>>,
    best_total: f64,
    pub budget: usize,
}

impl<'a> Search<'a> {
    pub fn new(sims: &'a [Vec<(f64, How)>], weights: &'a [f64]) -> Search<'a> {
        let order = sims
            .iter()
            .map(|row| {
                let mut js: Vec<usize> = (0..row.len()).filter(|j| row[*j].0 > 0.0).collect();
                js.sort_by(|a, b| row[*b].0.total_cmp(&row[*a].0));
                js
            })
            .collect();
        Search {
            sims,
            weights,
            order,
            assign: vec![None; sims.len()],
            best_assign: vec![None; sims.len()],
            best_total: -1.0,
            budget: SEARCH_BUDGET,
        }
    }

    pub fn run(&mut self, i: usize, taken: u32, total: f64) {
        if self.budget == 0 {
            return;
        }
        self.budget -= 1;
        if i == self.sims.len() {
            if total > self.best_total {
                self.best_total = total;
                self.best_assign.clone_from(&self.assign);
            }
            return;
        }
        for k in 0..self.order[i].len() {
            let j = self.order[i][k];
            if taken & (1 << j) != 0 {
                continue;
            }
            self.assign[i] = Some(j);
            let gain = self.weights[i] * self.sims[i][j].0;
            self.run(i + 1, taken | (1 << j), total + gain);
            self.assign[i] = None;
        }
        self.run(i + 1, taken, total);
    }
}
