package analysis

import (
	"math"
	"sort"
)

// shareEpsilon absorbs floating-point error when a share difference is
// compared with the threshold.
const shareEpsilon = 1e-9

// waveChanges compares consecutive waves of each case in own voice. Only
// waves in which the case has own-voice segments take part: a wave with
// only session notes says nothing of what the family mentions.
func (a *Accumulator) waveChanges(caseIDs []string, order []int) []WaveChange {
	var out []WaveChange
	for _, id := range caseIDs {
		c := a.cases[id]
		var waves []string
		for _, w := range sortedRowKeys(c.waveRows, true) {
			if c.waveRows[w].segs > 0 {
				waves = append(waves, w)
			}
		}
		for i := 0; i+1 < len(waves); i++ {
			from, to := c.waveRows[waves[i]], c.waveRows[waves[i+1]]
			for _, k := range order {
				before, after := from.at(k), to.at(k)
				if before.Mentions == 0 && after.Mentions == 0 {
					continue
				}
				bs := float64(before.Segments) / float64(from.segs)
				as := float64(after.Segments) / float64(to.segs)
				wc := WaveChange{Case: id, From: waves[i], To: waves[i+1], Code: a.codes[k].ID, Before: before, After: after,
					BeforeShare: bs, AfterShare: as, Diff: as - bs}
				switch {
				case before.Mentions == 0:
					wc.Kind = ChangeAppears
				case after.Mentions == 0:
					wc.Kind = ChangeDisappears
				case math.Abs(wc.Diff) >= a.opt.ChangeThreshold-shareEpsilon:
					wc.Kind = ChangeShare
				default:
					continue
				}
				out = append(out, wc)
			}
		}
	}
	return out
}

// memberDifferences lists, per case with at least two own-voice roles, the
// codes some roles mention and others do not.
func (a *Accumulator) memberDifferences(caseIDs []string, order []int) []MemberDifference {
	var out []MemberDifference
	for _, id := range caseIDs {
		c := a.cases[id]
		var roles []string
		for role, rr := range c.roles {
			if rr.segs > 0 {
				roles = append(roles, role)
			}
		}
		if len(roles) < 2 {
			continue
		}
		sort.Strings(roles)
		for _, k := range order {
			some, none := false, false
			rc := make([]RoleCount, len(roles))
			for i, role := range roles {
				rr := c.roles[role]
				rc[i] = RoleCount{Role: role, RoleSegments: rr.segs}
				rc[i].Count = rr.at(k)
				if rc[i].Mentions > 0 {
					some = true
				} else {
					none = true
				}
			}
			if some && none {
				out = append(out, MemberDifference{Case: id, Code: a.codes[k].ID, Roles: rc})
			}
		}
	}
	return out
}
