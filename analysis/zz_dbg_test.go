package analysis
import ("testing";"os";"fmt")
func TestDbg(t *testing.T){
 data,_:=os.ReadFile("codebooks/nl.yaml"); spec,err:=LoadCodebook("nl.yaml",data); if err!=nil{t.Fatal(err)}
 cb,err:=Compile(spec); if err!=nil{t.Fatal(err)}
 for _,s:=range []string{"In het plantsoen achter de flat spelen ze verstoppertje.","Er lopen 's avonds straatcoaches rond bij de flat.","Dat gaat me echt te ver."}{
  for _,m:=range cb.Match(s,Context{}){ fmt.Printf("%+v\n",m)}
 }
 w:=cb.lex.pats
 for _,p:=range w{ if p.text=="het middelbaar"{ fmt.Printf("%+v\n", p.words[1].stem)}}
}
