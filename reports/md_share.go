package reports

import "sync"

// reportShare hands report.md's bridges from the portraits to the report
// while WriteAllWith writes both. A bridge of a case is shown twice, in the
// case's portrait and in the report's section on bridges, with the same
// lines but for the case named in each line of the report; the portrait's
// writer makes both (writeBridgeAlso) and the report, written beside the
// portraits, takes its part (take) instead of making it again. A bridge
// whose case has no portrait is made by the report.
type reportShare struct {
	mu     sync.Mutex
	ready  sync.Cond
	owned  []bool   // by bridge index: a portrait makes it
	text   [][]byte // by bridge index: made and not yet taken
	made   []bool   // by bridge index: text was handed over (it may since be taken)
	whole  [][]byte // by bridge index: for the last of a buffer, that buffer
	free   [][]byte // buffers taken whole, for give's callers to reuse
	closed bool     // no more bridges will be made
	unread bool     // the report takes no more: drop what is made
}

// newReportShare makes the share of v: every bridge of a case in v.list
// is made by that case's portrait.
func newReportShare(v *mdView) *reportShare {
	n := len(v.r.Bridges)
	s := &reportShare{owned: make([]bool, n), text: make([][]byte, n), made: make([]bool, n), whole: make([][]byte, n)}
	s.ready.L = &s.mu
	for _, c := range v.list {
		for _, i := range c.bridgeAt {
			s.owned[i] = true
		}
	}
	return s
}

// give hands over the report's text of the bridges at (indices in
// r.Bridges, ascending): text[ends[k-1]:ends[k]] is that of bridge at[k]
// (from 0 for the first). text is copied, into a buffer that the report
// is done with when one is big enough.
func (s *reportShare) give(at []int, text []byte, ends []int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.unread || len(at) == 0 {
		return
	}
	var own []byte
	for k := len(s.free) - 1; k >= 0; k-- {
		if cap(s.free[k]) >= len(text) {
			own = s.free[k]
			s.free[k] = s.free[len(s.free)-1]
			s.free = s.free[:len(s.free)-1]
			break
		}
	}
	own = append(own[:0], text...)
	from := 0
	for k, i := range at {
		s.text[i], s.made[i] = own[from:ends[k]:ends[k]], true
		from = ends[k]
	}
	s.whole[at[len(at)-1]] = own
	s.ready.Broadcast()
}

// take returns the report's text of bridge i, waiting until its portrait
// has made it (ok), or nothing when no portrait makes it (s is nil, or the
// bridge's case has no portrait): the report then makes it itself. stop
// says that its portrait will not make it, as the portraits stopped on an
// error: report.md will not be kept.
func (s *reportShare) take(i int) (text []byte, ok, stop bool) {
	if s == nil || !s.owned[i] {
		return nil, false, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for !s.made[i] && !s.closed {
		s.ready.Wait()
	}
	if !s.made[i] {
		return nil, false, true // closed: every portrait that was started is done
	}
	text = s.text[i]
	s.text[i] = nil
	return text, true, false
}

// release says that the report is done with the text of bridge i that it
// took. Bridges are taken in order, so when i is the last of its buffer,
// the others were taken before, and the buffer can be made again.
func (s *reportShare) release(i int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if b := s.whole[i]; b != nil && !s.unread {
		s.free = append(s.free, b)
	}
	s.whole[i] = nil
}

// close says that no more bridges will be made.
func (s *reportShare) close() {
	s.mu.Lock()
	s.closed = true
	s.ready.Broadcast()
	s.mu.Unlock()
}

// stopReading says that the report takes no more bridges: what was made
// is let go and what is made from now on is dropped.
func (s *reportShare) stopReading() {
	s.mu.Lock()
	s.unread = true
	clear(s.text)
	clear(s.whole)
	s.free = nil
	s.mu.Unlock()
}
