package corpus
import ("os";"testing";"fmt")
func TestZZScratch(t *testing.T){
 for _, n := range []string{"voices.vtt","zoom.vtt","interview.srt","transcript.csv","transcript.xlsx"} {
  b,_ := os.ReadFile("testdata/formats/"+n)
  var ex Extract; var err error
  switch n[len(n)-3:] {
  case "vtt": ex, err = ReadVTT(n,b,Limits{})
  case "srt": ex, err = ReadSRT(n,b,Limits{})
  case "csv": ex, err = ReadCSV(n,b,TableColumns{},Limits{})
  case "lsx": ex, err = ReadXLSX(n,b,TableColumns{},Limits{})
  }
  fmt.Printf("%s err=%v enc=%s steps=%q warn=%q\n", n, err, ex.Encoding, ex.Steps, ex.Warnings)
  for _, u := range ex.Utterances { fmt.Printf("  %d %q %q %q\n", u.Line, u.Speaker, u.Time, u.Text) }
 }
}
